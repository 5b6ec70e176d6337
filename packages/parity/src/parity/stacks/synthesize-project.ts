/**
 * The environments of a synthesized cdktf app: the contract between `parity check` and whoever
 * synthesized it (the CLI, through the project's own synthesizer; a test; a benchmark). The engine
 * never synthesizes anything itself: that needs the app's code, which only the CLI may load.
 */
import type { EnvironmentModel } from '../environment-model';
import type { ModelOptions } from '../load-terraform-json';
import { loadStackFile } from './load-stacks';

/** What a synthesizer wrote: one `cdk.tf.json` per environment. */
export interface SynthesizedApp {
  /** One synthesized stack per environment, named as the environment. */
  readonly stacks: readonly { readonly environment: string; readonly file: string }[];
}

/** Loads the environments of a synthesized app. */
export function loadSynthesizedApp(app: SynthesizedApp, options: ModelOptions = {}): EnvironmentModel[] {
  return app.stacks.map((s) => loadStackFile(s.environment, s.file, options));
}
