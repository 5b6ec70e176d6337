/**
 * What the configuration's cross-field rules share: the shape of a rule (the shared rule module over the
 * whole configuration, `shared/rules/rule-module.ts`), problems as its failures, and the stub-endpoint test.
 * Each rule is one file in rules/ whose name is its id; rule-pack.ts runs them all, so one run reports
 * everything that is wrong.
 */
import { failWith, type Finding, type RuleModule, type RuleResult } from '@env-parity/parity/rules';
import { formatProblem, type ConfigProblem } from './problems';
import type { EnvironmentConfig, ProjectConfig } from './schema';

export { show } from './problems';
export type { ConfigProblem } from './problems';
export type { EnvironmentConfig, ProjectConfig } from './schema';

/** A cross-field rule: `meta` beside a check of a configuration that already has the right shape. */
export type ConfigRule = RuleModule<ProjectConfig>;

/** Every problem a rule found as its failures: none is a pass. */
export function problems(list: readonly ConfigProblem[]): RuleResult {
  return failWith(
    ...list.map((p) => ({
      ...(p.environment ? { environment: p.environment } : {}),
      path: p.field,
      expected: p.expected,
      found: p.found,
      fix: p.fix,
      message: formatProblem(p),
    })),
  );
}

/** The problem a finding of a config rule says (the inverse of `problems`). */
export function problemOf(finding: Finding): ConfigProblem {
  return {
    ...(finding.environment ? { environment: finding.environment } : {}),
    field: finding.path ?? '(root)',
    expected: finding.expected ?? '',
    found: finding.found ?? '',
    fix: finding.fix ?? '',
  };
}

/** A check run for every environment, with the whole configuration at hand. */
export function perEnvironment(
  check: (env: EnvironmentConfig, config: ProjectConfig) => ConfigProblem[],
): (config: ProjectConfig) => RuleResult {
  return (config) => problems(config.environments.flatMap((env) => check(env, config)));
}

/** Endpoints that are stubs or mocks: never acceptable, in any environment. */
export function stubEndpointReason(endpoint: string): string | undefined {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return 'not a URL';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a localhost endpoint';
  if (/\.(mock|local|test|internal|invalid)$/.test(host) || host.includes('mock')) return 'a mock endpoint';
  const v4 = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0)
      return 'a private IP address';
    return 'a bare IP address';
  }
  if (host.startsWith('[')) return 'a bare IP address';
  return undefined;
}
