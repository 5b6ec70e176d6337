/**
 * `parity promote check --target FILE --stacks DIR`: promote from flags and files alone, for a cdktf app
 * without a `parity-project` module. On this repository's own stacks, synthesized as `cdktf synth`
 * writes them, the flags path gives byte for byte the project path's fingerprints and report; every
 * bad input is exit 2 with its one line, before any AWS call.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '../../packages/parity/src/cli/promote';
import { stackFingerprints } from '../../packages/parity/src/promote/stack-fingerprints';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { synthesizeFingerprints } from '../../stacks/promote-target';
import { REPO, runParity } from '../cli/support/run-parity';
import { useSdkEnvironment } from '../drift/support/drift-test-env';
import type { FakeAwsServer } from '../drift/support/fake-aws-server';
import { checkoutFingerprints, config, startFake, stagingRuns, synthesizeCheckout, target, targetFile } from './support/promote-test-env';

let fake: FakeAwsServer;
let restore: () => void;
let checkout: { outdir: string; remove: () => void };
let dir: string;
let targetJson: string;

beforeAll(async () => {
  checkout = synthesizeCheckout();
  fake = await startFake();
  restore = useSdkEnvironment(fake.url);
});
afterAll(async () => {
  restore();
  await fake.close();
  checkout.remove();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'promote-flags-'));
  targetJson = write('promote-target.json', targetFile());
  fake.requests.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const wanted = (environment: string) => ({
  environment,
  stack: environment,
  fingerprintParameter: `/orders/${environment}/PLATFORM_FINGERPRINT`,
});

describe('the same fingerprints and report as the project path', () => {
  test("`cdktf synth`'s stacks give the project path's fingerprints, byte for byte, for every environment", () => {
    const environments = config.environments.map((e) => e.name);
    const fromStacks = stackFingerprints(checkout.outdir, environments.map(wanted));
    const fromProject = synthesizeFingerprints(config, environments);
    expect([...fromStacks]).toEqual([...fromProject]);
    expect([...fromStacks.values()].every((v) => /^sha256:[0-9a-f]{64}$/.test(v))).toBe(true);
    expect(stackFingerprints(join(checkout.outdir, 'stacks'), environments.map(wanted))).toEqual(fromStacks);
  });

  test('the real CLI outside the repository gives the report the project path gives inside it (JSON and text)', async () => {
    expect(relative(REPO, dir).startsWith('..')).toBe(true);
    stagingRuns(fake, checkoutFingerprints().get('prod')!, 30, new Date());
    const args = ['promote', 'check', '--from', 'staging', '--to', 'prod', '--min-soak', '24'];
    const flags = ['--target', targetJson, '--stacks', checkout.outdir];
    const inRepo = await runParity([...args, '--format', 'json'], { timeoutMs: 120_000 });
    const outside = await runParity([...args, ...flags, '--format', 'json'], { cwd: dir });
    const outsideText = await runParity([...args, ...flags], { cwd: dir });
    expect([inRepo.code, outside.code, outsideText.code]).toEqual([0, 0, 0]);
    const withoutClock = (stdout: string) => ({ ...JSON.parse(stdout), checkedAt: undefined });
    expect(withoutClock(outside.stdout)).toEqual(withoutClock(inRepo.stdout));
    expect(JSON.parse(outside.stdout).fingerprints.expected).toBe(JSON.parse(inRepo.stdout).fingerprints.expected);
    expect(outsideText.stdout.split('\n')[0]).toBe('parity promote check staging → prod: PROMOTE. prod may get what staging runs.');
  }, 180_000);
});

describe('from flags, in process', () => {
  test('staging runs another platform: refused (exit 1), the fingerprints read from the stacks', async () => {
    const other = `sha256:${'2'.repeat(64)}`;
    stagingRuns(fake, other, 30, new Date());
    const file = join(dir, 'promote.json');
    const argv = ['check', '--from', 'staging', '--to', 'prod', '--target', targetJson, '--stacks', checkout.outdir];
    expect(await run([...argv, '--format', 'json', '--output', file])).toBe(1);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.decision).toBe('refused');
    expect(report.fingerprints).toMatchObject({ expected: checkoutFingerprints().get('prod'), live: other });
    expect(fake.requests.map((r) => r.operation)).toEqual(['AssumeRole', 'GetCallerIdentity', 'GetParameters']);
  }, 30_000);

  test('stacks named otherwise than their environments: `stack` says which directory (exit 0)', async () => {
    stagingRuns(fake, checkoutFingerprints().get('prod')!, 30, new Date());
    const renamed = join(dir, 'cdktf.out', 'stacks');
    for (const env of ['staging', 'prod'])
      cpSync(join(checkout.outdir, 'stacks', env), join(renamed, `orders-${env}`), { recursive: true });
    const content = targetFile();
    const file = write('named.json', { ...content, environments: content.environments.map((e) => ({ ...e, stack: `orders-${e.name}` })) });
    const output = join(dir, 'promote.json');
    const argv = [
      'check',
      '--from',
      'staging',
      '--to',
      'prod',
      '--target',
      file,
      '--stacks',
      renamed,
      '--format',
      'json',
      '--output',
      output,
    ];
    expect(await run(argv)).toBe(0);
    expect(JSON.parse(readFileSync(output, 'utf8')).fingerprints).toMatchObject({
      expected: checkoutFingerprints().get('prod'),
      checkoutFrom: checkoutFingerprints().get('staging'),
    });
  }, 30_000);

  test('given together, --target and --stacks win over the project module inside the repository', async () => {
    const content = targetFile();
    const file = write('two.json', { ...content, environments: content.environments.filter((e) => e.name !== 'dev') });
    const error = (await run(['check', '--from', 'dev', '--to', 'prod', '--target', file, '--stacks', checkout.outdir]).catch(
      (e: unknown) => e,
    )) as ExitError;
    expect(error.message).toBe(
      `expected \`--from\` one of the environments in ${file} (staging, prod), found \`dev\`. ` +
        'Run e.g. `npx parity promote check --from staging --to prod`.',
    );
    expect(target.environments.map((e) => e.name)).toContain('dev');
  });
});

describe('bad input: exit 2, one line, before any AWS call', () => {
  const FROM_TO = ['check', '--from', 'staging', '--to', 'prod'];

  async function refusal(argv: string[]): Promise<string> {
    const error = await run(argv).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(2);
    expect(fake.requests).toEqual([]);
    return (error as ExitError).message;
  }

  /** A copy of the synthesized stacks with `change` applied to one stack's document. */
  function stacksWith(stack: string, change: (document: any) => void): string {
    const copy = join(dir, 'cdktf.out');
    cpSync(checkout.outdir, copy, { recursive: true });
    const file = join(copy, 'stacks', stack, 'cdk.tf.json');
    const document = JSON.parse(readFileSync(file, 'utf8'));
    change(document);
    writeFileSync(file, JSON.stringify(document));
    return copy;
  }

  test.each([
    ['--target', '--stacks'],
    ['--stacks', '--target'],
  ])('%s without %s', async (given) => {
    const value = given === '--target' ? targetJson : checkout.outdir;
    expect(await refusal([...FROM_TO, given, value])).toBe(
      'expected `--target FILE` and `--stacks DIR` together (the environments, and the synthesized stacks that publish their ' +
        `fingerprints), found only \`${given}\`. Pass both, e.g. \`--target promote-target.json --stacks cdktf.out\`, or neither ` +
        'inside a project whose `parity-project` module gives `promoteTarget()`.',
    );
  });

  test('an output that cannot be written is refused before the target is read', async () => {
    const missing = join(dir, 'missing.json');
    expect(await refusal([...FROM_TO, '--target', missing, '--stacks', checkout.outdir, '--output', dir])).toBe(
      `expected \`--output FILE\` a file that can be written, found \`${dir}\`, which is a directory. ` +
        `Name a file inside it, e.g. \`--output ${join(dir, 'report.md')}\`.`,
    );
  });

  test('an invalid target file: every problem at once', async () => {
    const file = write('bad.json', { fingerprintParameter: '/orders/PLATFORM_FINGERPRINT', environments: [{ name: 'prod' }] });
    expect(await refusal([...FROM_TO, '--target', file, '--stacks', checkout.outdir])).toMatch(
      new RegExp(
        `^expected the promote target file ${file} to match schemas/promote-target\\.schema\\.json, found 4 problems: ` +
          '\\(1\\) expected `fingerprintParameter` to be an SSM parameter name with `\\{env\\}` once .*; ' +
          '\\(2\\) expected `environments\\[0\\]\\.region` \\(a string\\), found nothing; ' +
          '\\(3\\) expected `environments\\[0\\]\\.accountId` \\(a string\\), found nothing; ' +
          '\\(4\\) expected `environments\\[0\\]\\.parityGroup` \\(a string\\), found nothing\\. Fix the file; .*$',
      ),
    );
  });

  test('no stacks directory', async () => {
    const missing = join(dir, 'cdktf.out');
    expect(await refusal([...FROM_TO, '--target', targetJson, '--stacks', missing])).toBe(
      `expected a synthesized cdktf output directory (\`cdktf.out\`, or its \`stacks\`) at \`${missing}\`, found nothing: no such ` +
        'file or directory. Run `npx cdktf synth` first, then pass `--stacks cdktf.out`.',
    );
  });

  test('a stacks directory without the environment', async () => {
    const stacks = stacksWith('prod', () => undefined);
    rmSync(join(stacks, 'stacks', 'prod'), { recursive: true });
    expect(await refusal([...FROM_TO, '--target', targetJson, '--stacks', stacks])).toBe(
      `expected the \`prod\` stack (\`prod/cdk.tf.json\`) in ${join(stacks, 'stacks')}, found only \`dev\`, \`staging\`. ` +
        'Synthesize every environment (`npx cdktf synth`) and pass its `cdktf.out`, or set `stack` of `prod` in the target file ' +
        'to the name of its stack.',
    );
  });

  test('a stack directory without its cdk.tf.json', async () => {
    const stacks = stacksWith('staging', () => undefined);
    rmSync(join(stacks, 'stacks', 'staging', 'cdk.tf.json'));
    const file = join(stacks, 'stacks', 'staging', 'cdk.tf.json');
    expect(await refusal([...FROM_TO, '--target', targetJson, '--stacks', stacks])).toBe(
      `expected a stack file (cdk.tf.json) at \`${file}\`, found nothing: no such file or directory. ` +
        'Synthesize again (`npx cdktf synth`).',
    );
  });

  test('a stack that publishes no fingerprint', async () => {
    const stacks = stacksWith('prod', (document) => delete document.output.platform_fingerprint);
    const file = join(stacks, 'stacks', 'prod', 'cdk.tf.json');
    expect(await refusal([...FROM_TO, '--target', targetJson, '--stacks', stacks])).toBe(
      `expected the \`prod\` stack ${file} to publish its platform fingerprint (the output \`platform_fingerprint\`: \`sha256:\` ` +
        'and 64 hex digits), found no such output. Publish it from the stack (the hash of @env-parity/parity/promote/fingerprint ' +
        'as the output `platform_fingerprint` and the SSM parameter the target names; docs/promote.md, "The platform ' +
        'fingerprint"), synthesize again, then run again.',
    );
  });

  test('a target whose parameter the stack does not write names the one it does', async () => {
    const file = write('target.json', { ...targetFile(), fingerprintParameter: '/orders/{env}/FINGERPRINT' });
    const stack = join(checkout.outdir, 'stacks', 'staging', 'cdk.tf.json');
    expect(await refusal([...FROM_TO, '--target', file, '--stacks', checkout.outdir])).toBe(
      `expected the \`staging\` stack ${stack} to write its fingerprint to the SSM parameter \`/orders/staging/FINGERPRINT\` ` +
        "(the target file's `fingerprintParameter`), found it writes it to `/orders/staging/PLATFORM_FINGERPRINT`. Make " +
        "`fingerprintParameter` in the target file name that parameter (`{env}` for the environment's name), then run again.",
    );
  });

  test('a parameter that holds another value than the published fingerprint', async () => {
    const stacks = stacksWith('prod', (document) => {
      document.resource.aws_ssm_parameter.platform_fingerprint.value = 'computing';
    });
    const published = checkoutFingerprints().get('prod');
    const file = join(stacks, 'stacks', 'prod', 'cdk.tf.json');
    expect(await refusal([...FROM_TO, '--target', targetJson, '--stacks', stacks])).toBe(
      `expected the SSM parameter \`/orders/prod/PLATFORM_FINGERPRINT\` of the \`prod\` stack ${file} ` +
        `to hold the fingerprint the stack publishes (${published}), found the string \`computing\`. Give the parameter and the ` +
        'output the same value (one hash of the stack), synthesize again, then run again.',
    );
  });

  test('neither flags nor a project: the real CLI names both ways', async () => {
    const result = await runParity(['promote', ...FROM_TO], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'parity: expected `parity promote check` to run in a cdktf project whose `parity-project` module gives `promoteTarget()` ' +
        '(the environments, accounts and fingerprint parameters to read), found no cdktf project with a `parity-project` module at ' +
        `or above \`${dir}\`. Run it from the project's directory, or add \`promoteTarget()\` to its \`parityProject\` (see ` +
        "@env-parity/parity's README). Or pass `--target FILE --stacks DIR`: the environments as JSON or YAML " +
        '(schemas/promote-target.schema.json) and what `cdktf synth` wrote.\n',
    );
    expect(fake.requests).toEqual([]);
  }, 60_000);
});
