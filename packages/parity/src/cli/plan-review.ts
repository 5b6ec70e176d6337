/**
 * `parity plan review --plan staging=FILE --plan prod=FILE [--format text|markdown|json]
 * [--output FILE] [--waivers FILE]`: parses arguments only, then calls `reviewPlans` and a renderer.
 * Exit 0 when nothing blocks, 1 on a blocking finding, 2 on bad input.
 */
import { parseCommandArgs, parseFormat, parseNamedValues } from './args';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import { renderJson } from '../plan-review/render-json';
import { renderMarkdown } from '../plan-review/render-markdown';
import { renderText } from '../plan-review/render-text';
import { type ReviewEnvironments, reviewPlans } from '../plan-review/review';
import type { Waiver } from '../shared/waivers/waiver';
import { loadPolicyFile } from '../parity/policy/policy-file';
import { currentProject } from './project';
import { hasBlockingFinding, type PlanReview } from '../plan-review/review-model';

const USAGE = 'parity plan review --plan ENV=PLAN.json [--plan ENV=PLAN.json ...] [--format text|markdown|json] [--output FILE] [--waivers FILE]';
const FORMATS = ['text', 'markdown', 'json'] as const;

/** Renders a review in one of the formats. */
export function renderReview(review: PlanReview, format: (typeof FORMATS)[number], colour = false): string {
  if (format === 'json') return renderJson(review);
  if (format === 'markdown') return renderMarkdown(review);
  return renderText(review, colour);
}

export async function run(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'review') throw badInput('`parity plan review`', subcommand ? `\`parity plan ${subcommand}\`` : '`parity plan` with no subcommand', `Run \`${USAGE}\`.`);
  const { values, positionals } = parseCommandArgs(
    rest,
    { plan: { type: 'string', multiple: true }, format: { type: 'string' }, output: { type: 'string' }, waivers: { type: 'string' }, policy: { type: 'string' } },
    USAGE,
  );
  if (positionals.length > 0) throw badInput('only options', `\`${positionals[0]}\``, `Pass plan files as \`--plan staging=${positionals[0]}\`.`);
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const plans = [...parseNamedValues('plan', values.plan)].map(([environment, file]) => ({ environment, file }));
  const { environments, waivers } = reviewEnvironments(values.policy);
  const review = await reviewPlans({ plans, waiversFile: values.waivers, waivers, environments });
  writeOutput(renderReview(review, format, useColour(values.output)), values.output);
  return hasBlockingFinding(review) ? ExitCode.findings : ExitCode.ok;
}

/**
 * The environments a review holds plans to: a policy file's groups (and waivers) when given; inside
 * a project, its declared environments and their groups; otherwise any names, in one group.
 */
export function reviewEnvironments(policyFile: string | undefined, cwd: string = process.cwd()): { environments: ReviewEnvironments; waivers: readonly Waiver[] } {
  const policy = policyFile === undefined ? undefined : loadPolicyFile(policyFile);
  const project = currentProject(cwd);
  const projectGroups = project && [...new Set(project.environments.map((e) => e.parityGroup))].map((name) => ({ name, environments: project.environments.filter((e) => e.parityGroup === name).map((e) => e.name) }));
  const groups = policy?.groups ?? projectGroups;
  return {
    environments: { ...(groups ? { groups } : {}), ...(project ? { declared: { names: project.environments.map((e) => e.name), from: project.environmentsFrom } } : {}) },
    waivers: policy?.waivers ?? [],
  };
}
