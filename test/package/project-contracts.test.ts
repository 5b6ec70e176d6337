/**
 * How the CLI decides it runs inside a project, and the contracts it builds for the engines: from
 * this repository's parity-project.ts inside it, from flags and files alone anywhere else.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectSource } from '../../packages/parity/src/cli/check';
import { reviewEnvironments } from '../../packages/parity/src/cli/plan-review';
import { prodPostgresVersion } from '../../packages/parity/src/cli/migrations-check';
import { targetEnvironment } from '../../packages/parity/src/cli/preflight';
import { currentProject, findCdktfProject, inProject, loadProjectModule } from '../../packages/parity/src/cli/project';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import { ExitError } from '../../packages/parity/src/shared/exit-error';

const root = join(__dirname, '..', '..');
const plans = join(root, 'test', 'fixtures', 'plans');
let outside: string;

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'parity-outside-'));
});
afterAll(() => rmSync(outside, { recursive: true, force: true }));

function badInput(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ExitError && error.code === 2) return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('inside this repository (the nearest cdktf.json has parity-project.ts beside it)', () => {
  test('found from the root and from any directory below it', () => {
    expect(findCdktfProject(root)).toEqual({ root, outdir: join(root, 'cdktf.out'), module: join(root, 'parity-project.ts') });
    expect(findCdktfProject(join(root, 'test', 'fixtures', 'plans'))?.module).toBe(join(root, 'parity-project.ts'));
  });

  test('plan review holds plans to config/environments.ts and its parity groups', () => {
    expect(reviewEnvironments(undefined, root)).toEqual({
      environments: {
        groups: [
          { name: 'development', environments: ['dev'] },
          { name: 'production', environments: ['staging', 'prod'] },
        ],
        declared: { names: ['dev', 'staging', 'prod'], from: 'config/environments.ts' },
      },
      waivers: [],
    });
  });

  test('migrations check and preflight take prod from config/platform.ts', () => {
    expect(prodPostgresVersion(undefined, root)).toBe('16.8');
    expect(prodPostgresVersion('17', root)).toBe('17');
    expect(targetEnvironment(undefined, root)).toEqual({
      name: 'prod',
      source: 'config/environments.ts, config/platform.ts',
      databaseName: 'orders',
      engineVersion: '16.8',
    });
    expect(badInput(() => targetEnvironment('qa', root))).toBe(
      'expected `--env` one of dev, staging, prod (config/environments.ts), found `qa`. Run again with `--env prod`.',
    );
  });

  test('check with no input is this app, with the policy its constructs imply', () => {
    const source = projectSource(root);
    expect(source.kind).toBe('project');
    if (source.kind !== 'project') return;
    expect(source.policyFrom).toBe('config/');
    expect(source.policy.groups.map((g) => g.name)).toEqual(['development', 'production']);
    expect(source.policy.scaleKnobs.map((k) => k.pattern)).toContain('aws_db_instance.*.instance_class');
    expect(typeof source.synthesize).toBe('function');
  });
});

describe('outside any cdktf project: flags and files alone', () => {
  test('no project is found, and none is loaded', () => {
    expect(findCdktfProject(outside)).toBeUndefined();
    expect(currentProject(outside)).toBeUndefined();
  });

  test('check with no input is bad input saying what to pass', () => {
    expect(badInput(() => projectSource(outside))).toBe(
      `expected \`--hcl NAME=DIR\` (twice or more) or \`--stacks DIR\`, or a cdktf project (a ` +
        `\`cdktf.json\` here or above), found none in ${outside}. Run e.g. \`npx parity check ` +
        `--hcl staging=envs/staging --hcl prod=envs/prod\`.`,
    );
  });

  test('plan review takes any environment name; groups and waivers come from --policy', async () => {
    expect(reviewEnvironments(undefined, outside)).toEqual({ environments: {}, waivers: [] });
    const policy = join(outside, 'policy.yml');
    writeFileSync(
      policy,
      'groups:\n  live: [production, canary]\nwaivers:\n  - { address: aws_s3_bucket.exports, ' +
        'reason: emptied in Q2, owner: data-team, expires: 2999-01-01 }\n',
    );
    const { environments, waivers } = reviewEnvironments(policy, outside);
    expect(environments).toEqual({ groups: [{ name: 'live', environments: ['production', 'canary'] }] });
    const review = await reviewPlans({
      plans: [{ environment: 'production', file: join(plans, 'prod-terraform-1.8.json') }],
      environments,
      waivers,
    });
    expect(Object.keys(review.environments)).toEqual(['production']);
    const deletion = review.findings.find((f) => f.rule === 'stateful-resource-deleted' && f.address === 'aws_s3_bucket.exports');
    expect(deletion?.waivedBy).toEqual({ reason: 'emptied in Q2', owner: 'data-team', expires: '2999-01-01' });
  });

  test('without groups, every plan given is compared with the others', async () => {
    const review = await reviewPlans({
      plans: [
        { environment: 'stg', file: join(plans, 'staging-terraform-1.8.json') },
        { environment: 'live', file: join(plans, 'prod-terraform-1.8.json') },
      ],
    });
    expect(review.asymmetric.length).toBeGreaterThan(0);
    expect(new Set(review.asymmetric.map((a) => a.parityGroup))).toEqual(new Set(['default']));
  });

  test("migrations check needs prod's PostgreSQL version; preflight names the target from --env", () => {
    expect(badInput(() => prodPostgresVersion(undefined, outside))).toBe(
      "expected `--pg-version` prod's PostgreSQL version (the gate runs on that major), found " +
        'none, and no cdktf project here that declares it. Run again with e.g. `--pg-version 16.8` ' +
        '(`SHOW server_version` on prod).',
    );
    expect(badInput(() => prodPostgresVersion('sixteen', outside))).toBe(
      "expected `--pg-version` prod's PostgreSQL version, `MAJOR` or `MAJOR.MINOR`, found " +
        '`sixteen`. Run again with e.g. `--pg-version 16.8` (`SHOW server_version` on prod).',
    );
    expect(prodPostgresVersion('16.4', outside)).toBe('16.4');
    expect(targetEnvironment(undefined, outside)).toEqual({ name: 'target', source: 'the command line' });
    expect(targetEnvironment('prod', outside)).toEqual({ name: 'prod', source: 'the command line' });
  });
});

describe("another team's cdktf project (a cdktf.json, no parity-project module)", () => {
  test('check reads the stacks cdktf synth wrote (cdktf.json `output`), or says to synthesize', () => {
    const project = join(outside, 'their-app');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'npx ts-node main.ts', output: 'out' }));
    expect(findCdktfProject(join(project, 'src'))).toEqual({ root: project, outdir: join(project, 'out') });
    expect(currentProject(join(project, 'src'))).toBeUndefined();
    expect(badInput(() => projectSource(project))).toBe(
      `expected the synthesized stacks of the cdktf project ${project} ` +
        `(${join(project, 'out', 'stacks')}), found none. Run \`npx cdktf synth\` first, or pass ` +
        `\`--stacks DIR\` or \`--hcl NAME=DIR\`.`,
    );
    mkdirSync(join(project, 'out', 'stacks'), { recursive: true });
    expect(projectSource(join(project, 'src'))).toEqual({ kind: 'stacks', directory: join(project, 'out', 'stacks') });
  });

  test('a project module that is not one, or whose code fails, is bad input naming it', () => {
    const project = join(outside, 'broken');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'cdktf.json'), '{}');
    const module = join(project, 'parity-project.js');
    writeFileSync(module, 'exports.parityProject = { environments: "dev" };\n');
    expect(badInput(() => loadProjectModule(module))).toBe(
      `expected \`parityProject\` exported by ${module}, shaped as the \`ParityProject\` of ` +
        `@env-parity/parity/project, found another shape. Export \`parityProject\` typed ` +
        `\`ParityProject\`, or remove the module to use flags alone.`,
    );
    const failing = join(project, 'failing.js');
    writeFileSync(failing, "throw new Error('config/environments.ts: 2 problems\\n  - a\\n  - b');\n");
    expect(badInput(() => loadProjectModule(failing))).toBe(
      `expected the project module ${failing} to load, found \`config/environments.ts: 2 ` +
        `problems; - a; - b\`. Fix the project (its configuration or code), then run again.`,
    );
  });
});

describe("the project's own steps (policy, synthesis) with its packages missing", () => {
  const notFound = (name: string) =>
    Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /x/stacks/app.ts`), { code: 'MODULE_NOT_FOUND' });

  test('a missing package is bad input saying what to install, sync or async', async () => {
    const message =
      "expected the project's dependencies installed to synthesize it (npm `cdktf`), found it " +
      'missing. Run `npm ci` (or `npm install`) in the project, then run again.';
    expect(
      badInput(() =>
        inProject('synthesize it', () => {
          throw notFound('cdktf');
        }),
      ),
    ).toBe(message);
    await expect(inProject('synthesize it', () => Promise.reject(notFound('cdktf')))).rejects.toEqual(new ExitError(2, message));
    expect(inProject('synthesize it', () => 42)).toBe(42);
  });

  test("anything else (the project's own broken import, its own error) is the project's error, unchanged", () => {
    const own = notFound('./stacks/missing');
    expect(() =>
      inProject('synthesize it', () => {
        throw own;
      }),
    ).toThrow(own);
    const failure = new Error('synth failed: validation');
    expect(() =>
      inProject('synthesize it', () => {
        throw failure;
      }),
    ).toThrow(failure);
  });
});
