/**
 * Synthesizes this project's app (`stacks/app.ts`, `synthesizeApp`) and loads every environment's
 * stack. The app module is imported lazily: loading the AWS provider classes costs time, and the
 * other sources of `parity check` do not need it.
 */
import { badInput } from '../cli/exit-error';
import type { EnvironmentModel } from '../parity/environment-model';
import type { ModelOptions } from '../parity/load-terraform-json';
import { loadStackFile } from './load-stacks';

/** What `synthesizeApp` returns. */
export interface SynthesizedApp {
  /** The output directory (`cdktf.out`). */
  readonly outdir: string;
  /** One stack per environment: `<outdir>/stacks/<env>/cdk.tf.json`. */
  readonly stacks: readonly { readonly environment: string; readonly file: string }[];
}

interface AppModule {
  synthesizeApp(options?: { outdir?: string }): SynthesizedApp;
}

const APP_MODULE = '../../stacks/app';

/** Synthesizes every environment of this project into `outdir`. */
export async function synthesizeProject(outdir: string): Promise<SynthesizedApp> {
  let app: Partial<AppModule>;
  try {
    // `require`, not `import()`: bin/parity.cjs runs through tsx/cjs, which hooks `require` only.
    app = require(APP_MODULE) as Partial<AppModule>;
  } catch (error) {
    // Only the app module itself missing means "no app"; a missing import inside it is a real error.
    if (!/Cannot find module '[^']*stacks\/app'/.test((error as Error).message)) throw error;
    app = {};
  }
  if (typeof app.synthesizeApp !== 'function') {
    throw badInput('stacks/app.ts exporting `synthesizeApp`', 'no such module or export', 'Check already-synthesized stacks with `npx parity check --stacks cdktf.out/stacks`.');
  }
  return app.synthesizeApp({ outdir });
}

/** Loads the environments of a synthesized app. */
export function loadSynthesizedApp(app: SynthesizedApp, options: ModelOptions = {}): EnvironmentModel[] {
  return app.stacks.map((s) => loadStackFile(s.environment, s.file, options));
}
