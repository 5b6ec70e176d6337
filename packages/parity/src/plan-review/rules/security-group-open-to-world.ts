/**
 * Ingress opened to the whole internet (0.0.0.0/0 or ::/0) by a security group's inline rules or by
 * a rule resource. A CIDR known only after apply is unknown, never a pass. A security group whose
 * whole `ingress` is known only after apply has no inline rules in the configuration (the provider
 * computes the attribute from separate rule resources, which this rule judges one by one).
 */
import type { PathStep } from '../attribute-values';
import { formatPath } from '../changed-paths';
import { failWith, notApplicable, pass, read, unknown, whyUnknown, writesAfter, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';

const meta = {
  id: 'security-group-open-to-world',
  description: 'Ingress from `0.0.0.0/0` or `::/0` appears (inline rules, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`).',
  why: 'Ingress from 0.0.0.0/0 or ::/0 exposes the service to the whole internet.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'block',
} as const;

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** One place a CIDR (or a list of them) is written, and the ports it opens. */
interface CidrSource {
  readonly path: readonly PathStep[];
  readonly ports: readonly [readonly PathStep[], readonly PathStep[]];
}

function sources(subject: RuleSubject, side: 'before' | 'after'): CidrSource[] | 'no-inline-rules' {
  if (subject.type === 'aws_security_group') {
    const ingress = read(subject, side, ['ingress']);
    if (side === 'after' && ingress.state === 'unknown') return 'no-inline-rules';
    const count = ingress.state === 'known' && Array.isArray(ingress.value) ? ingress.value.length : 0;
    return Array.from({ length: count }, (_, i): CidrSource[] => [
      { path: ['ingress', i, 'cidr_blocks'], ports: [['ingress', i, 'from_port'], ['ingress', i, 'to_port']] },
      { path: ['ingress', i, 'ipv6_cidr_blocks'], ports: [['ingress', i, 'from_port'], ['ingress', i, 'to_port']] },
    ]).flat();
  }
  if (subject.type === 'aws_security_group_rule') {
    const type = read(subject, side, ['type']);
    if (type.state === 'known' && type.value !== 'ingress') return [];
    return [
      { path: ['cidr_blocks'], ports: [['from_port'], ['to_port']] },
      { path: ['ipv6_cidr_blocks'], ports: [['from_port'], ['to_port']] },
    ];
  }
  if (subject.type === 'aws_vpc_security_group_ingress_rule') {
    return [
      { path: ['cidr_ipv4'], ports: [['from_port'], ['to_port']] },
      { path: ['cidr_ipv6'], ports: [['from_port'], ['to_port']] },
    ];
  }
  return [];
}

/** The world-open CIDRs on one side, as `0.0.0.0/0 on ports 443-443 (ingress[0].cidr_blocks)`; or the first unknown CIDR. */
function openings(subject: RuleSubject, side: 'before' | 'after'): { open: string[]; unknownAt?: string } | 'no-inline-rules' {
  const found = sources(subject, side);
  if (found === 'no-inline-rules') return found;
  const open: string[] = [];
  for (const source of found) {
    const value = read(subject, side, source.path);
    if (value.state === 'sensitive' || value.state === 'unknown') return { open, unknownAt: `\`${formatPath(source.path)}\` ${whyUnknown(value)}` };
    if (value.state !== 'known') continue;
    const cidrs = Array.isArray(value.value) ? value.value : [value.value];
    const from = read(subject, side, source.ports[0]);
    const to = read(subject, side, source.ports[1]);
    const ports = from.state === 'known' && to.state === 'known' ? `ports ${String(from.value)}-${String(to.value)}` : 'ports not known yet';
    for (const cidr of cidrs) if (typeof cidr === 'string' && WORLD.has(cidr)) open.push(`${cidr} on ${ports} (\`${formatPath(source.path)}\`)`);
  }
  return { open };
}

function check(subject: RuleSubject): RuleResult {
  if (!['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'].includes(subject.type) || !writesAfter(subject.kind)) return notApplicable;
  const after = openings(subject, 'after');
  if (after === 'no-inline-rules') return notApplicable;
  if (after.unknownAt) return unknown(`cannot tell whether ${subject.address} opens ingress to the internet: ${after.unknownAt}.`);
  const before = subject.kind === 'update' ? openings(subject, 'before') : { open: [] };
  const already = new Set(before === 'no-inline-rules' ? [] : before.open);
  const opened = after.open.filter((o) => !already.has(o));
  if (opened.length === 0) return pass;
  return failWith(`${subject.address} opens ingress to the internet: ${opened.join(', ')}.`);
}

const rule: PlanRule = { meta, check };
export default rule;
