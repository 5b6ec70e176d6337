/**
 * The cdktf app: one EnvironmentStack per environment of config/environments.ts.
 */
import { App } from 'cdktf';
import { join } from 'node:path';
import { loadProjectConfig, type EnvironmentConfig, type ProjectConfig } from '../config';
import { EnvironmentStack } from './environment-stack';

export interface BuildAppOptions {
  /**
   * Where `synth()` writes (`<outdir>/stacks/<env>/cdk.tf.json`).
   * @default $CDKTF_OUTDIR, else 'cdktf.out'
   */
  readonly outdir?: string;
  /**
   * The configuration to build from.
   * @default loadProjectConfig()
   */
  readonly config?: ProjectConfig;
  /**
   * Build these environments instead of the config's (benchmarks and tests generate more).
   * @default config.environments
   */
  readonly environments?: EnvironmentConfig[];
  /**
   * Configure providers for offline plans.
   * @default process.env.ENV_PARITY_OFFLINE_PLAN === '1'
   */
  readonly offlinePlan?: boolean;
}

export function buildApp(options: BuildAppOptions = {}): { app: App; stacks: EnvironmentStack[] } {
  const base = options.config ?? loadProjectConfig();
  const config = options.environments ? { ...base, environments: options.environments } : base;
  // Without an outdir, App uses $CDKTF_OUTDIR (set by `cdktf synth --output`) or `cdktf.out`.
  const app = new App({ outdir: options.outdir, skipValidation: false, stackTraces: false });
  const stacks = config.environments.map(
    (env) => new EnvironmentStack(app, env.name, { config, environment: env.name, offlinePlan: options.offlinePlan }),
  );
  return { app, stacks };
}

export interface SynthesizedApp {
  /** The output directory. */
  readonly outdir: string;
  /** One synthesized stack per environment. */
  readonly stacks: { readonly environment: string; readonly file: string; readonly directory: string }[];
}

/** Synthesizes every environment's stack; returns where each `cdk.tf.json` was written. */
export function synthesizeApp(options: BuildAppOptions = {}): SynthesizedApp {
  const { app, stacks } = buildApp(options);
  app.synth();
  return {
    outdir: app.outdir,
    stacks: stacks.map((stack) => {
      const directory = join(app.outdir, 'stacks', stack.node.id);
      return { environment: stack.node.id, directory, file: join(directory, 'cdk.tf.json') };
    }),
  };
}
