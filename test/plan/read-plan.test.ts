/**
 * The one plan JSON reader (packages/parity/src/shared/plan/read-plan.ts), used by plan review and
 * by drift's refresh-only plans: encodings, the setup-terraform wrapper's text, format versions,
 * `errored` plans and `output_changes`, each with the exact message a user sees.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';
import { readPlanFile } from '../../packages/parity/src/shared/plan/read-plan';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import { fixture, TODAY } from './support/fixtures';

const SHOW = 'Run `terraform show -json PLANFILE > plan.json` and pass that file.';
const WRAPPER_FIX = 'Set `terraform_wrapper: false` on hashicorp/setup-terraform, or redirect `terraform show -json PLANFILE` to a file.';
const original = readFileSync(fixture('staging-terraform-1.8.json'), 'utf8');
const addresses = (file: string) => readPlanFile(file, (e) => e.address).changes;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function failure(run: () => unknown): ExitError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected an ExitError');
}

describe('encodings', () => {
  const utf16be = (text: string) => Buffer.from(Buffer.from(text, 'utf16le')).swap16();
  test.each([
    ['a UTF-8 byte order mark', (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])],
    ['UTF-16 LE with a BOM (PowerShell `>`)', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16 BE with a BOM', (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)])],
  ])('%s is read as the same plan', (name, encode) => {
    const file = write(`enc-${name.length}.json`, encode(original));
    expect(addresses(file)).toEqual(addresses(fixture('staging-terraform-1.8.json')));
    expect(addresses(file).length).toBeGreaterThan(3);
  });

  test('non-ASCII text survives UTF-16', () => {
    const text = '{"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.café","change":{"actions":["create"]}}]}';
    expect(addresses(write('utf16-accents.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])))).toEqual([
      'aws_s3_bucket.café',
    ]);
  });
});

describe('the hashicorp/setup-terraform wrapper', () => {
  const json = original.replace(/\n/g, '');
  test.each([
    [
      'the `[command]` line first',
      `[command]/home/runner/work/_temp/terraform-bin show -json plan.tfplan\n${json}\n::debug::Terraform exited with code 0.\n`,
      '`[command]/home/runner/work/_temp/terraform-bin show -json pl` (output of the hashicorp/setup-terraform wrapper)',
    ],
    [
      '`::debug::` lines first',
      `::debug::Terraform exited with code 0.\n::debug::stdout: ${json}\n`,
      '`::debug::Terraform exited with code 0.` (output of the hashicorp/setup-terraform wrapper)',
    ],
    [
      '`::set-output` first',
      `::set-output name=stdout::${json}%0A\n`,
      `\`${`::set-output name=stdout::${json}`.slice(0, 60)}\` (output of the hashicorp/setup-terraform wrapper)`,
    ],
  ])('%s: refused with the fix', (_name, content, found) => {
    const file = write(`wrapped-${_name.length}.json`, content);
    expect(failure(() => addresses(file)).message).toBe(
      `expected plan JSON starting with \`{\`, found ${found} in \`${file}\`. ${WRAPPER_FIX}`,
    );
  });

  test('the JSON followed by the wrapper`s `::debug::` lines: refused with the fix, not as broken JSON', () => {
    const file = write('wrapped-after.json', `${json}\n::debug::Terraform exited with code 0.\n::debug::stderr: \n::debug::exitcode: 0\n`);
    const error = failure(() => addresses(file));
    expect(error.code).toBe(ExitCode.badInput);
    expect(error.message).toBe(
      `expected plan JSON alone, found \`::debug::Terraform exited with code 0.\` after the JSON ` +
        `(output of the hashicorp/setup-terraform wrapper) in \`${file}\`. ${WRAPPER_FIX}`,
    );
  });

  test('the JSON followed by `%0A` and `::set-output` (the wrapper of setup-terraform v1)', () => {
    const file = write('wrapped-v1.json', `${json}%0A\n::set-output name=stderr::\n::set-output name=exitcode::0\n`);
    expect(failure(() => addresses(file)).message).toMatch(
      /^expected plan JSON alone, found `%0A` after the JSON \(output of the hashicorp\/setup-terraform wrapper\)/,
    );
  });
});

describe('format_version', () => {
  test.each(['0.1', '0.2', '1.0', '1.1', '1.2', '1.9'])('%s is read', (version) => {
    const file = write(
      `v${version}.json`,
      `{"format_version":"${version}","resource_changes":[{"address":"a.b","change":{"actions":["update"]}}]}`,
    );
    expect(readPlanFile(file, (e) => e.address)).toMatchObject({ formatVersion: version, changes: ['a.b'] });
  });

  test('a newer major is refused in one line, exit 2', () => {
    const file = write('v2.json', '{"format_version":"2.0","resource_changes":[]}');
    const error = failure(() => addresses(file));
    expect(error.code).toBe(ExitCode.badInput);
    expect(error.message).toBe(
      `expected plan JSON format_version 0.x or 1.x, found format_version \`2.0\` in \`${file}` +
        `\`. Produce the plan JSON with Terraform 0.12 to 1.x, or upgrade env-parity to a version ` +
        `that reads this format.`,
    );
    expect(error.message).not.toContain('\n');
  });

  test('a version that is not MAJOR.MINOR is refused', () => {
    const file = write('v-bad.json', '{"format_version":1.2,"resource_changes":[]}');
    expect(failure(() => addresses(file)).message).toBe(
      `expected \`format_version\` as a string such as \`1.2\`, found \`1.2\` in \`${file}\`. ${SHOW}`,
    );
  });
});

describe('errored plans', () => {
  const errored =
    '{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},' +
    '"resource_changes":[],"applyable":false,"complete":false,"errored":true}';

  test('refused by default: an incomplete plan is never a pass', () => {
    const file = write('errored.json', errored);
    const error = failure(() => addresses(file));
    expect(error.code).toBe(ExitCode.badInput);
    expect(error.message).toBe(
      `expected a complete plan, found a plan Terraform marked \`errored: true\` (planning ` +
        `stopped partway, so its changes are incomplete and cannot be reviewed) in \`${file}\`. ` +
        `Fix the errors \`terraform plan\` printed, plan again and pass the new \`terraform show ` +
        `-json PLANFILE\` output.`,
    );
  });

  test('plan review says so (exit 2), it does not review the part that was planned', async () => {
    const file = write('errored-review.json', errored);
    await expect(reviewPlans({ plans: [{ environment: 'staging', file }], now: TODAY })).rejects.toMatchObject({
      code: ExitCode.badInput,
      message: expect.stringContaining('marked `errored: true`'),
    });
  });

  test('reported to a caller that asks (drift: the environment is unreadable)', () => {
    const file = write('errored-report.json', errored);
    expect(readPlanFile(file, (e) => e, { errored: 'report' }).errored).toBe(true);
  });

  test('`errored: false` and no `errored` are complete plans', () => {
    const ok = errored.replace('"errored":true', '"errored":false').replace('"complete":false', '"complete":true');
    expect(readPlanFile(write('ok-false.json', ok), (e) => e).errored).toBe(false);
    expect(readPlanFile(fixture('staging-terraform-1.8.json'), (e) => e).errored).toBe(false);
  });

  test('an errored plan is also `complete: false`: the errored refusal says why, and drift`s report still gets it', () => {
    const file = write('errored-incomplete.json', errored);
    expect(failure(() => addresses(file)).message).toMatch(/^expected a complete plan, found a plan Terraform marked `errored: true`/);
    expect(readPlanFile(file, (e) => e, { errored: 'report' })).toMatchObject({ errored: true, complete: false });
  });

  test('`complete` or `deferred_changes` of the wrong type is bad input', () => {
    const ok = errored.replace('"errored":true', '"errored":false');
    const complete = write('complete-no.json', ok.replace('"complete":false', '"complete":"no"'));
    expect(failure(() => addresses(complete)).message).toBe(
      `expected \`complete\` as \`true\` or \`false\`, found \`"no"\` in \`${complete}\`. ${SHOW}`,
    );
    const deferred = write('deferred-obj.json', ok.replace('"complete":false', '"complete":true,"deferred_changes":{}'));
    expect(failure(() => addresses(deferred)).message).toBe(
      `expected \`deferred_changes\` as a list, found \`{}\` in \`${deferred}\`. ${SHOW}`,
    );
  });

  test('a plan without `complete` (before Terraform 1.8) reads as complete', () => {
    expect(readPlanFile(fixture('dev-terraform-1.1-format-1.0.json'), (e) => e)).toMatchObject({ complete: true, deferredChanges: 0 });
  });

  test('`errored` that is not a boolean is bad input', () => {
    const file = write('errored-yes.json', errored.replace('"errored":true', '"errored":"yes"'));
    expect(failure(() => addresses(file)).message).toBe(
      `expected \`errored\` as \`true\` or \`false\`, found \`"yes"\` in \`${file}\`. ${SHOW}`,
    );
  });
});

describe('output_changes', () => {
  const plan = (outputs: string) => `{"format_version":"1.2","planned_values":{},"resource_changes":[],"output_changes":${outputs}}`;

  test('outputs that change are listed with their actions; no-op outputs are not', () => {
    const file = write(
      'outputs.json',
      plan(
        '{"endpoint":{"actions":["update"],"before":"a","after":"b","after_unknown":false},' +
          '"same":{"actions":["no-op"]},"gone":{"actions":["delete"]}}',
      ),
    );
    expect(readPlanFile(file, (e) => e).outputChanges).toEqual([
      { name: 'endpoint', actions: ['update'] },
      { name: 'gone', actions: ['delete'] },
    ]);
  });

  test('no output_changes: none', () => {
    expect(readPlanFile(fixture('prod-terraform-1.0-format-0.2.json'), (e) => e).outputChanges).toEqual([]);
  });

  test('an output without actions is bad input naming it', () => {
    const file = write('outputs-bad.json', plan('{"endpoint":{"before":"a"}}'));
    expect(failure(() => addresses(file)).message).toBe(
      `expected output \`endpoint\` of \`output_changes\` with \`actions\` as a list of strings ` +
        `such as \`["update"]\`, found \`{"before":"a"}\` in \`${file}\`. Pass the unedited output ` +
        `of \`terraform show -json PLANFILE\`.`,
    );
  });

  test('output_changes that is not an object is bad input', () => {
    const file = write('outputs-list.json', plan('[1]'));
    expect(failure(() => addresses(file)).message).toBe(
      `expected \`output_changes\` as an object of outputs, found \`[1]\` in \`${file}\`. ${SHOW}`,
    );
  });
});

describe('raw control characters in the sections review does not read', () => {
  const plan = (pretty: boolean) => {
    const value = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'a.b', values: { tags: { Team: 'TAB' } } }] } },
      resource_changes: [],
      prior_state: { values: { note: 'TAB' } },
    };
    return JSON.stringify(value, null, pretty ? 2 : undefined)
      .replace('"TAB"', '"a\tb"')
      .replace('"TAB"', '"c\td"');
  };
  test.each([
    ['on one line, as Terraform writes it', false, 'line 1, column 115'],
    ['pretty-printed', true, 'line 10, column 25'],
  ])('%s: refused at the first one', (_name, pretty, where) => {
    const file = write(`ctrl-${pretty}.json`, plan(pretty).replace('\\t', '\t'));
    const text = readFileSync(file, 'utf8');
    expect(() => JSON.parse(text)).toThrow();
    expect(failure(() => addresses(file)).message).toBe(
      `expected valid plan JSON, found invalid JSON at ${where} (a raw control character ` +
        `(U+0009) inside a string: write it escaped, e.g. \\n or \\u0009) in \`${file}\`. ${SHOW}`,
    );
  });
});

test('no other source file parses plan JSON: read-plan.ts is the one reader', () => {
  const src = join(__dirname, '..', '..', 'packages', 'parity', 'src');
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      if (statSync(join(d, f)).isDirectory()) walk(join(d, f));
      else if (f.endsWith('.ts')) files.push(join(d, f));
    }
  };
  walk(src);
  const readers = files.filter((f) => {
    const text = readFileSync(f, 'utf8');
    return /JSON\.parse|readInputBytes|readFileSync/.test(text) && /resource_changes|resource_drift|format_version/.test(text);
  });
  expect(readers.map((f) => relative(src, f)).sort()).toEqual(['shared/plan/read-plan.ts']);
});
