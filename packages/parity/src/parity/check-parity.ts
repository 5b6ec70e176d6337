/**
 * `parity check` without the command line: loads the environments (a cdktf project's app, a cdktf
 * `stacks` directory, or HCL directories), resolves the policy, runs the parity engine, applies the
 * waivers and returns the report data. Everything it needs comes in `CheckOptions`: it reads no
 * project's configuration itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badInput } from '../shared/exit-error';
import type { EnvironmentModel } from './environment-model';
import type { ModelOptions } from './load-terraform-json';
import { checkParity } from './parity-engine';
import { DEFAULT_AWS_SCALE_KNOBS } from './policy/default-aws-knobs';
import type { ParityPolicy } from './policy/parity-policy';
import { type PolicyFile, loadPolicyFile } from './policy/policy-file';
import type { Waiver } from '../shared/waivers/waiver';
import { deprecatedPathForms } from './attribute-pattern';
import { applyWaivers } from './apply-waivers';
import { describeWaiver } from '../shared/waivers/apply-waivers';
import { waiversFor } from '../shared/waivers/waiver-routing';
import { WAIVER_RULE_IDS } from '../waiver-rule-ids';
import { type CheckReport, failingCount } from './check-report';
import { loadStacksDirectory } from './stacks/load-stacks';
import { type SynthesizedApp, loadSynthesizedApp } from './stacks/synthesize-project';

/** A cdktf app that brings its own policy (the CLI builds this for this repository's app). */
export interface ProjectCheckSource {
  readonly kind: 'project';
  /** The policy the project's own configuration implies: its groups and knobs. */
  readonly policy: ParityPolicy;
  /** Where that policy comes from, named in reports and messages (e.g. `config/`). */
  readonly policyFrom: string;
  /** The app, already synthesized. */
  readonly synthesized?: SynthesizedApp;
  /** Synthesizes every environment into `outdir` (a temporary directory), when `synthesized` is not given. */
  readonly synthesize?: (outdir: string) => SynthesizedApp | Promise<SynthesizedApp>;
}

export type CheckSource =
  /** A project's app: already synthesized, or synthesized now into a temporary directory. */
  | ProjectCheckSource
  /** A `cdktf.out/stacks` directory of any cdktf app. */
  | { readonly kind: 'stacks'; readonly directory: string }
  /** Plain Terraform: environment name → directory. */
  | { readonly kind: 'hcl'; readonly directories: ReadonlyMap<string, string> };

export interface CheckOptions {
  /** What to check. */
  readonly source: CheckSource;
  /** A policy file (JSON or YAML); for a project source it adds waivers and patterns to the project's policy. */
  readonly policyFile?: string;
  /** Only this parity group. */
  readonly group?: string;
  /** Unused waivers fail the check. */
  readonly strict?: boolean;
  /** The date waivers are checked against (default: now). */
  readonly now?: Date;
}

interface ResolvedPolicy {
  readonly policy: ParityPolicy;
  readonly waivers: readonly Waiver[];
  readonly from: string;
  readonly defaultsApplied: boolean;
}

async function loadEnvironments(source: CheckSource, options: ModelOptions): Promise<EnvironmentModel[]> {
  if (source.kind === 'stacks') return loadStacksDirectory(source.directory, options);
  if (source.kind === 'hcl') {
    if (source.directories.size < 2)
      throw badInput(
        'at least two `--hcl NAME=DIR` environments',
        `${source.directories.size}`,
        'Run e.g. `npx parity check --hcl staging=envs/staging --hcl prod=envs/prod`.',
      );
    // The HCL parser (WebAssembly) loads on first use only: `--stacks` and the project never pay for it.
    // `require`, not `import()`: bin/parity.cjs runs through tsx/cjs, which hooks `require` only.
    const { loadHclDirectory } = require('./hcl/load-hcl-directory') as typeof import('./hcl/load-hcl-directory');
    const models: EnvironmentModel[] = [];
    for (const [name, directory] of source.directories) models.push(await loadHclDirectory(name, directory, options));
    return models;
  }
  if (source.synthesized) return loadSynthesizedApp(source.synthesized, options);
  if (!source.synthesize) throw new Error('a project check source needs `synthesized` or `synthesize`');
  const outdir = mkdtempSync(join(tmpdir(), 'parity-check-'));
  try {
    return loadSynthesizedApp(await source.synthesize(outdir), options);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function resolvePolicy(source: CheckSource, file: PolicyFile | undefined, environments: readonly string[]): ResolvedPolicy {
  if (source.kind === 'project') {
    const base = source.policy;
    return {
      policy: {
        groups: file?.groups ?? base.groups,
        scaleKnobs: [...base.scaleKnobs, ...(file?.scaleKnobs ?? [])],
        topology: [...base.topology, ...(file?.topology ?? [])],
      },
      waivers: waiversFor('check', file?.waivers ?? [], WAIVER_RULE_IDS),
      from: file ? `${source.policyFrom} and ${file.file}` : source.policyFrom,
      defaultsApplied: false,
    };
  }
  const defaults = file?.defaults ?? true;
  return {
    policy: {
      groups: file?.groups ?? [{ name: 'default', environments }],
      scaleKnobs: [...(file?.scaleKnobs ?? []), ...(defaults ? DEFAULT_AWS_SCALE_KNOBS : [])],
      topology: file?.topology ?? [],
    },
    waivers: waiversFor('check', file?.waivers ?? [], WAIVER_RULE_IDS),
    from: file ? file.file : 'defaults',
    defaultsApplied: defaults,
  };
}

/** Checks that groups name loaded environments, once each; environments in no group get their own. */
function completeGroups(policy: ParityPolicy, environments: readonly string[], from: string, warnings: string[]): ParityPolicy {
  const seen = new Map<string, string>();
  for (const group of policy.groups) {
    for (const env of group.environments) {
      if (!environments.includes(env)) {
        throw badInput(
          `parity group \`${group.name}\` to name loaded environments (${environments.join(', ')})`,
          `\`${env}\``,
          `Add the environment (\`--hcl ${env}=DIR\` or its stack), or remove it from the group in ${from}.`,
        );
      }
      if (seen.has(env))
        throw badInput(
          'each environment in one parity group',
          `\`${env}\` in \`${seen.get(env)}\` and \`${group.name}\``,
          `Remove it from one of the groups in ${from}.`,
        );
      seen.set(env, group.name);
    }
  }
  const ungrouped = environments.filter((env) => !seen.has(env));
  for (const env of ungrouped)
    warnings.push(`environment \`${env}\` is in no parity group of ${from}: it is compared with the others on invariants only`);
  return { ...policy, groups: [...policy.groups, ...ungrouped.map((env) => ({ name: env, environments: [env] }))] };
}

export async function checkParityOf(options: CheckOptions): Promise<CheckReport> {
  const file = options.policyFile ? loadPolicyFile(options.policyFile) : undefined;
  // Group names are never read as aliases of an environment name (`production` is not `prod`).
  const declaredGroups = file?.groups ?? (options.source.kind === 'project' ? options.source.policy.groups : []);
  const groupOf = new Map(declaredGroups.flatMap((g) => g.environments.map((env) => [env, g.name] as const)));
  const models = await loadEnvironments(options.source, { keepWords: declaredGroups.map((g) => g.name), groupOf });
  const environments = models.map((m) => m.environment);
  const warnings: string[] = [];
  const resolved = resolvePolicy(options.source, file, environments);
  const policy = completeGroups(resolved.policy, environments, resolved.from, warnings);
  warnings.push(...deprecatedPathForms([...policy.scaleKnobs, ...policy.topology], resolved.waivers));
  let groups = checkParity(models, policy).groups;
  if (options.group !== undefined) {
    const names = policy.groups.map((g) => g.name);
    if (!names.includes(options.group))
      throw badInput(
        `\`--group\` one of ${names.map((n) => `\`${n}\``).join(', ')}`,
        `\`${options.group}\``,
        `Run again with \`--group ${names[0]}\`.`,
      );
    groups = groups.filter((g) => g.name === options.group);
  }
  const { groups: reports, expired, unused } = applyWaivers(groups, resolved.waivers, options.now ?? new Date());
  for (const w of unused)
    warnings.push(
      `waiver for \`${describeWaiver(w)}\` (owner ${w.owner}) matches nothing: remove it${options.strict ? ' (fails with --strict)' : ''}`,
    );
  const defaultPatterns = new Set(DEFAULT_AWS_SCALE_KNOBS.map((k) => k.pattern));
  const defaultsUsed = resolved.defaultsApplied
    ? [...new Set(reports.flatMap((g) => g.allowed.map((a) => a.allowedBy.pattern)).filter((p) => defaultPatterns.has(p)))].sort()
    : [];
  const failed = reports.some((g) => failingCount(g) > 0) || expired.length > 0 || (options.strict === true && unused.length > 0);
  const sourceName =
    options.source.kind === 'project'
      ? 'project'
      : options.source.kind === 'stacks'
        ? `stacks ${options.source.directory}`
        : `hcl ${[...options.source.directories].map(([n, d]) => `${n}=${d}`).join(' ')}`;
  return {
    schemaVersion: 1,
    source: sourceName,
    policy: { from: resolved.from, defaultsApplied: resolved.defaultsApplied, defaultsUsed },
    groups: reports,
    expiredWaivers: expired,
    unusedWaivers: unused,
    warnings,
    status: failed ? 'fail' : 'pass',
  };
}
