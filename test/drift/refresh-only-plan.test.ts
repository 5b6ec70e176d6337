/**
 * Refresh-only plans: real Terraform (the built-in `terraform_data` resource, no cloud) shows its
 * own exit-code confusion (2 for output changes alone); the summary reports resource drift only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedPaths } from '../../packages/parity/src/drift/changed-paths';
import { readRefreshOnlyPlan } from '../../packages/parity/src/drift/refresh-only-plan';

const FIXTURES = join(__dirname, '..', 'fixtures', 'drift');
const HOW =
  'Run `terraform plan -refresh-only -out=drift.tfplan && terraform show -json drift.tfplan > drift.json` and pass ' +
  '`--refresh-only-plan ENV=drift.json`.';

describe('with real terraform', () => {
  let dir: string;
  const tf = (...args: string[]) =>
    spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
  const showJson = (planFile: string, jsonFile: string) =>
    writeFileSync(
      join(dir, jsonFile),
      execFileSync('terraform', ['show', '-json', planFile], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
  const exitCodes: Record<string, number | null> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'drift-tf-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "terraform_data" "a" {\n  input = "one"\n}\noutput "o" {\n  value = terraform_data.a.output\n}\n',
    );
    expect(tf('init', '-input=false').status).toBe(0);
    expect(tf('apply', '-auto-approve', '-input=false').status).toBe(0);
    exitCodes.clean = tf('plan', '-refresh-only', '-input=false', '-detailed-exitcode', '-out=clean.tfplan').status;
    showJson('clean.tfplan', 'clean.json');
    // Rename the output: no resource changed outside Terraform, only the outputs differ.
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "terraform_data" "a" {\n  input = "one"\n}\noutput "renamed" {\n  value = terraform_data.a.output\n}\n',
    );
    exitCodes.outputs = tf('plan', '-refresh-only', '-input=false', '-detailed-exitcode', '-out=outputs.tfplan').status;
    showJson('outputs.tfplan', 'outputs.json');
    // A normal plan that would change the resource.
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "a" {\n  input = "two"\n}\n');
    expect(tf('plan', '-input=false', '-out=normal.tfplan').status).toBe(0);
    showJson('normal.tfplan', 'normal.json');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('nothing changed: terraform exits 0 and there is no drift', () => {
    expect(exitCodes.clean).toBe(0);
    expect(readRefreshOnlyPlan(join(dir, 'clean.json'))).toEqual({ errored: false, drift: [], outputChanges: [] });
  });

  test('only outputs changed: terraform -detailed-exitcode says 2 ("changes"), the summary says no drift', () => {
    expect(exitCodes.outputs).toBe(2);
    expect(readRefreshOnlyPlan(join(dir, 'outputs.json'))).toEqual({ errored: false, drift: [], outputChanges: ['o', 'renamed'] });
  });

  test('a normal plan is refused: it is not a refresh-only plan', () => {
    const file = join(dir, 'normal.json');
    expect(() => readRefreshOnlyPlan(file)).toThrow(
      `expected a refresh-only plan, found \`${file}\`, a normal plan that would update terraform_data.a (1 resource changes). ${HOW}`,
    );
  });

  test('the binary plan file itself is refused, with the command that converts it', () => {
    const file = join(dir, 'clean.tfplan');
    expect(() => readRefreshOnlyPlan(file)).toThrow(
      `expected plan JSON, found a binary plan file (a zip archive written by \`terraform plan -out\`) in \`${file}\`. Run ` +
        `\`terraform show -json PLANFILE > plan.json\` on it first and pass the JSON file.`,
    );
  });

  test('state JSON is refused', () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, execFileSync('terraform', ['show', '-json'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    expect(() => readRefreshOnlyPlan(file)).toThrow(
      `expected plan JSON (with \`planned_values\` or \`resource_changes\`), found the JSON of a state (\`terraform show -json\` ` +
        `without a plan file: it has \`values\`, no \`planned_values\`) in \`${file}\`. Run \`terraform show -json PLANFILE > ` +
        `plan.json\` and pass that file.`,
    );
  });
});

describe('a plan from real Terraform and the real AWS provider (test/fixtures/drift/make-aws-refresh-only-plan.ts)', () => {
  const file = join(FIXTURES, 'aws-ssm-parameter-refresh-only.json');
  test('a parameter deleted behind Terraform and one whose type and value changed', () => {
    expect(readRefreshOnlyPlan(file)).toEqual({
      errored: false,
      drift: [
        { address: 'aws_ssm_parameter.feature_flags_url', action: 'delete', changedPaths: [] },
        { address: 'aws_ssm_parameter.log_level', action: 'update', changedPaths: ['type', 'value'] },
      ],
      outputChanges: [],
    });
  });
  test('the sensitive value is named as a path, never shown', () => {
    expect(JSON.stringify(readRefreshOnlyPlan(file))).not.toMatch(/debug|info/);
  });
});

describe('resource_drift entries', () => {
  const summary = readRefreshOnlyPlan(join(FIXTURES, 'refresh-only-resource-drift.json'));

  test('a changed resource lists its changed paths, sensitive ones included, and never a value', () => {
    expect(summary.drift[0]).toEqual({
      address: 'aws_db_instance.database',
      action: 'update',
      changedPaths: ['engine_version', 'password', 'tags.Owner', 'tags.Temp', 'vpc_security_group_ids[1]'],
    });
    expect(JSON.stringify(summary)).not.toContain('s3cret');
  });
  test('a resource deleted outside Terraform is drift with action `delete`', () => {
    expect(summary.drift[1]).toEqual({ address: 'aws_ssm_parameter.catalog["LOG_LEVEL"]', action: 'delete', changedPaths: [] });
  });
  test('a move without changes and an attribute appearing as null are not drift', () => {
    expect(summary.drift.map((d) => d.address)).toEqual(['aws_db_instance.database', 'aws_ssm_parameter.catalog["LOG_LEVEL"]']);
  });
  test('an errored plan is flagged, so the environment is reported unreadable', () => {
    expect(readRefreshOnlyPlan(join(FIXTURES, 'refresh-only-errored.json'))).toEqual({ errored: true, drift: [], outputChanges: [] });
  });
});

describe('malformed files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'drift-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    [
      'cut off',
      '{"format_version": "1.2",',
      (f: string) =>
        `expected complete plan JSON, found JSON that stops after 25 bytes (the text ends where a quoted member name was expected) ` +
        `in \`${f}\`. The file was cut off: write it again with \`terraform show -json PLANFILE > plan.json\` and make sure the ` +
        `command finished.`,
    ],
    [
      'no format_version',
      '{"planned_values": {}}',
      (f: string) =>
        `expected plan JSON with a \`format_version\`, found an object with keys \`planned_values\` in \`${f}\`. Run \`terraform ` +
        `show -json PLANFILE > plan.json\` and pass that file.`,
    ],
    [
      'a future format',
      '{"format_version": "2.0", "planned_values": {}}',
      (f: string) =>
        `expected plan JSON format_version 0.x or 1.x, found format_version \`2.0\` in \`${f}\`. Produce the plan JSON with ` +
        `Terraform 0.12 to 1.x, or upgrade env-parity to a version that reads this format.`,
    ],
    [
      'a drift entry without change',
      '{"format_version": "1.2", "planned_values": {}, "resource_drift": [{"address": "a.b"}]}',
      (f: string) =>
        `expected entry 0 of \`resource_drift\` (\`a.b\`): \`change\` to be an object, found nothing in \`${f}\`. Pass the unedited ` +
        `output of \`terraform show -json PLANFILE\`; if Terraform wrote this, open an issue with the entry.`,
    ],
    [
      'errored not a boolean',
      '{"format_version": "1.2", "planned_values": {}, "errored": "yes"}',
      (f: string) => `expected the JSON of \`terraform show -json PLANFILE\`, found \`${f}\` with \`errored\` set to "yes". ${HOW}`,
    ],
    [
      'setup-terraform wrapper output',
      '[command]/home/runner/work/_temp/terraform-bin show -json drift.tfplan\n{"format_version": "1.2"}',
      (f: string) =>
        `expected plan JSON starting with \`{\`, found \`[command]/home/runner/work/_temp/terraform-bin show -json dr\` (output of ` +
        `the hashicorp/setup-terraform wrapper) in \`${f}\`. Set \`terraform_wrapper: false\` on hashicorp/setup-terraform, or ` +
        `redirect \`terraform show -json PLANFILE\` to a file.`,
    ],
  ])('%s', (_name, content, message) => {
    const file = join(dir, `${_name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, content);
    expect(() => readRefreshOnlyPlan(file)).toThrow(message(file));
  });

  test.each([
    ['a UTF-8 byte order mark', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 (PowerShell `>`)', (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ])('a plan with %s is read as the same plan', (_name, encode) => {
    const text = readFileSync(join(FIXTURES, 'refresh-only-resource-drift.json'), 'utf8');
    const file = join(dir, `encoded-${_name.length}.json`);
    writeFileSync(file, encode(text));
    expect(readRefreshOnlyPlan(file)).toEqual(readRefreshOnlyPlan(join(FIXTURES, 'refresh-only-resource-drift.json')));
  });

  test('a directory', () => {
    expect(() => readRefreshOnlyPlan(dir)).toThrow(`expected a readable plan JSON file, found \`${dir}\` (not a regular file). ${HOW}`);
  });

  test('a missing file', () => {
    const file = join(dir, 'nope.json');
    expect(() => readRefreshOnlyPlan(file)).toThrow(`expected a readable plan JSON file, found \`${file}\` (ENOENT). ${HOW}`);
  });
});

test.each<[string, unknown, unknown, string[]]>([
  ['equal objects', { a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, []],
  ['a scalar', { a: 1 }, { a: 2 }, ['a']],
  ['nested keys, sorted', { t: { z: 1, a: 1 } }, { t: { z: 2, a: 2 } }, ['t.a', 't.z']],
  ['list items by index', { l: [{ x: 1 }, { x: 2 }] }, { l: [{ x: 1 }, { x: 3 }] }, ['l[1].x']],
  ['a longer list', { l: [1] }, { l: [1, 2, 3] }, ['l[1]', 'l[2]']],
  ['a key that appears with a value', { a: 1 }, { a: 1, b: 'x' }, ['b']],
  ['a key that appears as null', { a: 1 }, { a: 1, b: null }, []],
  ['object replaced by scalar', { a: { b: 1 } }, { a: 'x' }, ['a']],
  ['whole values', 'x', 'y', ['(whole value)']],
])('changedPaths: %s', (_name, before, after, expected) => {
  expect(changedPaths(before, after)).toEqual(expected);
});
