/**
 * This repository's project as the CLI sees it (parity-project.ts), for tests that call the engines
 * directly: they pass the contracts the CLI would build here, since the engines read no config.
 */
import { join } from 'node:path';
import { parityProject } from '../../parity-project';
import { reviewEnvironments } from '../../packages/parity/src/cli/plan-review';
import { targetEnvironment } from '../../packages/parity/src/cli/preflight';
import type { ProjectCheckSource } from '../../packages/parity/src/parity/check-parity';
import type { SynthesizedApp } from '../../packages/parity/src/parity/stacks/synthesize-project';

const REPOSITORY_ROOT = join(__dirname, '..', '..');

/** Prod's PostgreSQL version as config/platform.ts declares it. */
export const PROD_PG_VERSION = parityProject.database.engineVersion;

/** The preflight's environment, as `parity preflight` builds it here without `--env`. */
export const prodPreflightEnvironment = () => targetEnvironment(undefined, REPOSITORY_ROOT);

/** `parity check`'s source for this project's app, already synthesized. */
export function projectCheckSource(synthesized: SynthesizedApp): ProjectCheckSource {
  return { kind: 'project', policy: parityProject.parityPolicy(), policyFrom: parityProject.policyFrom, synthesized };
}

/** Synthesizes this project's app into `outdir`. */
export const synthesizeProject = (outdir: string) => parityProject.synthesize(outdir);

/** `plan review`'s environments and groups, as the CLI builds them here without `--policy`. */
export const projectReviewEnvironments = () => reviewEnvironments(undefined, REPOSITORY_ROOT).environments;
