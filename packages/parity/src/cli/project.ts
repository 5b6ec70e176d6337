/**
 * The one place the CLI learns about the project it runs in. The engines take their configuration
 * as arguments; a cdktf project that wants `parity` to read its own configuration (environments,
 * parity groups, the knobs its constructs declare, how to synthesize it) says so with a module
 * `parity-project.ts` (or `.js`) beside its `cdktf.json`, exporting `parityProject`, typed with the
 * `ParityProject` contract below. This repository's infra project is such a project.
 *
 * The CLI runs "inside a project" when the nearest `cdktf.json` above the working directory has
 * that module beside it. Why this rule: a cdktf project is where `cdktf` itself looks for its app
 * (the nearest `cdktf.json`), so `parity` agrees with `cdktf synth` run from the same directory;
 * the module is the project's own declaration that it speaks this contract, so another team's
 * cdktf app (with its own `config/`, whatever its shape) is never mistaken for this one, and no
 * configuration is ever guessed at. Anywhere else the commands work from flags and files alone.
 */
import type { DriftTarget } from '../drift/drift-environment';
import type { PromoteTarget } from '../promote/run-promote-check';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ParityPolicy } from '../parity/policy/parity-policy';
import type { SynthesizedApp } from '../parity/stacks/synthesize-project';
import { badInput } from '../shared/exit-error';

/** An environment as a project declares it. */
export interface ProjectEnvironment {
  /** Its name, e.g. `staging`. */
  readonly name: string;
  /** The parity group it belongs to. */
  readonly parityGroup: string;
  /** Whether it is production (the reference of data checks, never seeded). */
  readonly production: boolean;
  /** Its AWS region (IAM-authenticated database connections). */
  readonly region: string;
  /** A read-only role to assume for reading it. */
  readonly readOnlyRoleArn?: string;
}

/** What a cdktf project tells the CLI about itself. */
export interface ParityProject {
  /** Where its environments are declared, named in messages (e.g. `config/environments.ts`). */
  readonly environmentsFrom: string;
  /** Its environments, in order. */
  readonly environments: readonly ProjectEnvironment[];
  /** The application's name (database users and resources are named after it). */
  readonly app: string;
  /** Where the database settings are declared, named in messages (e.g. `config/platform.ts`). */
  readonly databaseFrom: string;
  /** Its database, the same in every environment. */
  readonly database: {
    /** Prod's PostgreSQL version, e.g. `16.8`. */
    readonly engineVersion: string;
    /** The database name. */
    readonly databaseName: string;
    /** Server parameters the project sets, name → value. */
    readonly parameters: Readonly<Record<string, string>>;
  };
  /** Where the parity policy comes from, named in reports (e.g. `config/`). */
  readonly policyFrom: string;
  /** The parity policy its configuration implies (loads the project's constructs: call it only for `check`). */
  parityPolicy(): ParityPolicy;
  /** Synthesizes every environment into `outdir` (loads cdktf and the providers). */
  synthesize(outdir: string): SynthesizedApp | Promise<SynthesizedApp>;
  /** What `parity drift` reads and compares each environment against; absent: the project does not support drift. */
  driftTarget?(): DriftTarget;
  /** The environments `parity promote check` reads; absent: the project does not support promote. */
  promoteTarget?(): PromoteTarget;
  /** The platform fingerprints of `environments` as this checkout would apply them (synthesizes: loads cdktf). */
  checkoutFingerprints?(environments: readonly string[]): Map<string, string>;
}

/** The project module's file name, without its extension. */
export const PROJECT_MODULE = 'parity-project';

/** A cdktf project found above the working directory. */
export interface FoundProject {
  /** The directory of its `cdktf.json`. */
  readonly root: string;
  /** Its `cdktf.json` `output` (default `cdktf.out`), absolute. */
  readonly outdir: string;
  /** Its project module, when it has one. */
  readonly module?: string;
}

/** The nearest `cdktf.json` at or above `cwd`, and the project module beside it. */
export function findCdktfProject(cwd: string = process.cwd()): FoundProject | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, 'cdktf.json');
    if (existsSync(file)) {
      let output = 'cdktf.out';
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { output?: unknown };
        if (typeof parsed.output === 'string' && parsed.output !== '') output = parsed.output;
      } catch {
        throw badInput(`valid JSON in ${file}`, 'a syntax error', 'Fix cdktf.json (cdktf reads it too).');
      }
      const module = ['.ts', '.js', '.cjs'].map((ext) => join(dir, `${PROJECT_MODULE}${ext}`)).find((f) => existsSync(f));
      return { root: dir, outdir: resolve(dir, output), ...(module ? { module } : {}) };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const loaded = new Map<string, ParityProject>();

/** Loads a project module (once per process); exit 2 when it cannot be read or is not one. */
export function loadProjectModule(file: string): ParityProject {
  const cached = loaded.get(file);
  if (cached) return cached;
  let exported: unknown;
  try {
    exported = (require(file) as { parityProject?: unknown }).parityProject;
  } catch (error) {
    const missing = missingDependency(error, 'load its parity-project module');
    if (missing) throw missing;
    if (file.endsWith('.ts') && error instanceof SyntaxError) {
      throw badInput(
        `a TypeScript loader to read the project module ${file}`,
        'the compiled `parity`, which has none',
        'Run the CLI of the checkout (`npx parity` in the repository, which uses tsx), or compile the module to `parity-project.js`.',
      );
    }
    // The project's own code failed (a config that does not validate): its message, never a pass.
    const message = ((error as Error).message ?? String(error)).trim().replace(/\s*\n\s*/g, '; ');
    throw badInput(`the project module ${file} to load`, `\`${message}\``, 'Fix the project (its configuration or code), then run again.');
  }
  const project = exported as Partial<ParityProject> | undefined;
  if (
    !project ||
    typeof project !== 'object' ||
    !Array.isArray(project.environments) ||
    typeof project.parityPolicy !== 'function' ||
    typeof project.synthesize !== 'function'
  ) {
    throw badInput(
      `\`parityProject\` exported by ${file}, shaped as the \`ParityProject\` of @env-parity/parity/project`,
      exported === undefined ? 'no such export' : 'another shape',
      'Export `parityProject` typed `ParityProject`, or remove the module to use flags alone.',
    );
  }
  loaded.set(file, project as ParityProject);
  return project as ParityProject;
}

/** A package of the project that is not installed, as bad input; undefined for any other error. */
function missingDependency(error: unknown, what: string): Error | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  const missing = e?.code === 'MODULE_NOT_FOUND' ? /Cannot find module '([^']+)'/.exec(e.message)?.[1] : undefined;
  if (missing === undefined || missing.startsWith('.') || missing.startsWith('/')) return undefined;
  return badInput(
    `the project's dependencies installed to ${what} (npm \`${missing}\`)`,
    'it missing',
    'Run `npm ci` (or `npm install`) in the project, then run again.',
  );
}

/**
 * Runs one of the project's own steps (its policy, its synthesis), which load the project's cdktf and
 * providers: a missing package of the project is bad input saying what to install, never a crash.
 */
export function inProject<T>(what: string, step: () => T): T {
  try {
    const result = step();
    if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(missingDependency(error, what) ?? error)) as T;
    return result;
  } catch (error) {
    throw missingDependency(error, what) ?? error;
  }
}

/** The project the CLI runs in, when there is one: the working directory's nearest cdktf project with a project module. */
export function currentProject(cwd: string = process.cwd()): ParityProject | undefined {
  const found = findCdktfProject(cwd);
  return found?.module ? loadProjectModule(found.module) : undefined;
}

/** What each project feature gives its command, for the refusal outside a project. */
const FEATURE_NEEDS: Readonly<Record<'driftTarget' | 'promoteTarget', string>> = {
  driftTarget: 'the environments, accounts and declared values to compare',
  promoteTarget: 'the environments, accounts and fingerprint parameters to read',
};

/**
 * The project's answer for a command that only a project can configure (drift reads the resources its
 * constructs name; promote synthesizes its stacks). Outside a project, or in one whose module does not
 * provide it, bad input saying what the command needs.
 */
export function projectFeature<K extends 'driftTarget' | 'promoteTarget'>(
  command: string,
  key: K,
  cwd: string = process.cwd(),
  /** Another way to give the command what it needs, added to the fix (`Or pass \`--target FILE\`.`). */
  alternative = '',
): NonNullable<ParityProject[K]> {
  const project = currentProject(cwd);
  const feature = project?.[key];
  if (!project || typeof feature !== 'function') {
    const found = project
      ? `a project module whose \`parityProject\` has no \`${key}()\``
      : `no cdktf project with a \`${PROJECT_MODULE}\` module at or above \`${cwd}\``;
    throw badInput(
      `\`${command}\` to run in a cdktf project whose \`${PROJECT_MODULE}\` module gives \`${key}()\` (${FEATURE_NEEDS[key]})`,
      found,
      `Run it from the project's directory, or add \`${key}()\` to its \`parityProject\` (see @env-parity/parity's README).${alternative}`,
    );
  }
  return (feature as (...args: never[]) => unknown).bind(project) as NonNullable<ParityProject[K]>;
}
