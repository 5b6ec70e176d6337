/**
 * Synthesizes this project's app (`stacks/app.ts`, `synthesizeApp`) and loads every environment's
 * stack. The app module is required lazily: loading the AWS provider classes costs time, and the
 * other sources of `parity check` (`--stacks`, `--hcl`) do not need it.
 */
import type { EnvironmentModel } from '../environment-model';
import type { ModelOptions } from '../load-terraform-json';
import type { SynthesizedApp } from '../../../../../stacks/app';
import { loadStackFile } from './load-stacks';

export type { SynthesizedApp };

/** Synthesizes every environment of this project into `outdir`. */
export async function synthesizeProject(outdir: string): Promise<SynthesizedApp> {
  // `require`, not `import()`: bin/parity.cjs runs through tsx/cjs, which hooks `require` only.
  const { synthesizeApp } = require('../../../../../stacks/app') as typeof import('../../../../../stacks/app');
  return synthesizeApp({ outdir });
}

/** Loads the environments of a synthesized app. */
export function loadSynthesizedApp(app: SynthesizedApp, options: ModelOptions = {}): EnvironmentModel[] {
  return app.stacks.map((s) => loadStackFile(s.environment, s.file, options));
}
