/**
 * Runs the real `terraform` binary on a synthesized stack directory: init (offline through the
 * provider mirror, with a local backend in place of S3), validate, plan with `-refresh=false`, and
 * `show -json`. Used by the tests, the benchmarks and plan review.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { terraformCliEnvironment } from './provider-mirror';

const run = promisify(execFile);

export interface TerraformResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export class TerraformError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: TerraformResult,
  ) {
    super(`\`terraform ${args.join(' ')}\` exited ${result.exitCode}:\n${result.stderr || result.stdout}`);
    this.name = 'TerraformError';
  }
}

export interface TerraformWorkspaceOptions {
  /** The synthesized stack directory (holds `cdk.tf.json`). */
  readonly directory: string;
  /** Where the CLI config goes. @default `<directory>/.env-parity` */
  readonly configDirectory?: string;
  /**
   * Replace the S3 backend by a local state file, so init and plan need no AWS account.
   * @default true
   */
  readonly localBackend?: boolean;
}

/** A stack directory prepared for offline Terraform commands. */
export class TerraformWorkspace {
  readonly directory: string;
  readonly statePath: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: TerraformWorkspaceOptions) {
    this.directory = options.directory;
    this.statePath = join(options.directory, 'terraform.tfstate');
    const configDirectory = options.configDirectory ?? join(options.directory, '.env-parity');
    this.env = { ...process.env, ...terraformCliEnvironment(configDirectory) };
    if (options.localBackend ?? true) {
      // An override file replaces the S3 backend block without touching the synthesized JSON.
      writeFileSync(
        join(this.directory, 'backend_override.tf.json'),
        JSON.stringify({ terraform: { backend: { local: { path: this.statePath } } } }, null, 2),
      );
    }
  }

  /** Runs `terraform <args>` in the directory; resolves with the result whatever the exit code. */
  async run(args: readonly string[]): Promise<TerraformResult> {
    try {
      const { stdout, stderr } = await run('terraform', [...args], { cwd: this.directory, env: this.env, maxBuffer: 1 << 30 });
      return { stdout, stderr, exitCode: 0 };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; code?: number | string };
      if (typeof e.code !== 'number') throw error;
      return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', exitCode: e.code };
    }
  }

  private async ok(args: readonly string[]): Promise<TerraformResult> {
    const result = await this.run(args);
    if (result.exitCode !== 0) throw new TerraformError(args, result);
    return result;
  }

  init(): Promise<TerraformResult> {
    return this.ok(['init', '-input=false', '-no-color']);
  }

  /** `terraform validate -json`, parsed. */
  async validate(): Promise<{
    valid: boolean;
    error_count: number;
    diagnostics: { severity: string; summary: string; detail?: string }[];
  }> {
    const result = await this.run(['validate', '-json', '-no-color']);
    return JSON.parse(result.stdout);
  }

  /** Writes a prior state (a v4 state document) for plans against existing resources. */
  writeState(state: unknown): void {
    mkdirSync(this.directory, { recursive: true });
    writeFileSync(this.statePath, JSON.stringify(state, null, 2));
  }

  /** `terraform plan -refresh=false -out=<file>`; returns the plan file path. */
  async plan(planFile = 'plan.tfplan'): Promise<string> {
    await this.ok(['plan', '-refresh=false', '-input=false', '-lock=false', '-no-color', `-out=${planFile}`]);
    return join(this.directory, planFile);
  }

  /** `terraform show -json <plan>`, as text. */
  async showJson(planFile = 'plan.tfplan'): Promise<string> {
    return (await this.ok(['show', '-json', planFile])).stdout;
  }
}
