/** The command: argument parsing, exit codes, output files, and one clear message per bad input. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';
import { run } from '../../packages/parity/src/cli/plan-review';
import { fixture } from './support/fixtures';
import { ENVELOPE_FIELDS } from '../reports/support/envelope-fields';

const dir = mkdtempSync(join(tmpdir(), 'parity-plan-cli-'));
const staging = fixture('staging-terraform-1.8.json');
const prod = fixture('prod-terraform-1.8.json');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('exit codes and output', () => {
  test('0 when nothing blocks; --output receives the JSON with schemaVersion 2', async () => {
    const output = join(dir, 'out', 'review.json');
    await expect(run(['review', '--plan', `staging=${staging}`, '--format', 'json', '--output', output])).resolves.toBe(ExitCode.ok);
    const written = JSON.parse(readFileSync(output, 'utf8'));
    // The shared envelope (schemas/plan-review.schema.json, version 2) first, then the review's own fields.
    expect(written.schemaVersion).toBe(2);
    expect(Object.keys(written.environments)).toEqual(['staging']);
    expect(Object.keys(written)).toEqual([...ENVELOPE_FIELDS, 'environments', 'asymmetric']);
  });

  test('1 on a blocking finding; markdown goes to --output', async () => {
    const output = join(dir, 'review.md');
    await expect(
      run(['review', '--plan', `staging=${staging}`, '--plan', `prod=${prod}`, '--format', 'markdown', '--output', output]),
    ).resolves.toBe(ExitCode.findings);
    expect(readFileSync(output, 'utf8').startsWith('<!-- parity-plan-review -->\n## Terraform plan review')).toBe(true);
  });

  test('0 when a waiver accepts the only blocking finding', async () => {
    const plan = write(
      'bucket-only.json',
      JSON.stringify({
        ...JSON.parse(readFileSync(prod, 'utf8')),
        resource_changes: JSON.parse(readFileSync(prod, 'utf8')).resource_changes.filter(
          (c: { address: string }) => c.address === 'aws_s3_bucket.exports',
        ),
      }),
    );
    await expect(run(['review', '--plan', `prod=${plan}`, '--output', join(dir, 'r.txt')])).resolves.toBe(ExitCode.findings);
    await expect(
      run(['review', '--plan', `prod=${plan}`, '--waivers', fixture('waivers.yml'), '--output', join(dir, 'r.txt')]),
    ).resolves.toBe(ExitCode.ok);
  });

  test('an expired waiver blocks', async () => {
    const waivers = write(
      'expired.yml',
      'waivers:\n  - address: aws_s3_bucket.exports\n    rule: stateful-resource-deleted\n    reason: accepted for the migration ' +
        'window only\n    owner: data-platform\n    expires: 2020-01-31\n',
    );
    const output = join(dir, 'expired.json');
    await expect(
      run(['review', '--plan', `staging=${staging}`, '--waivers', waivers, '--format', 'json', '--output', output]),
    ).resolves.toBe(ExitCode.findings);
    expect(JSON.parse(readFileSync(output, 'utf8')).findings.filter((f: { rule: string }) => f.rule === 'waiver-expired')).toEqual([
      // The old fields, plus the shared Finding's engine, why and docsUrl.
      {
        engine: 'plan-review',
        rule: 'waiver-expired',
        level: 'block',
        environment: '*',
        address: 'aws_s3_bucket.exports',
        message:
          'the waiver for aws_s3_bucket.exports (stateful-resource-deleted) owned by data-platform expired on 2020-01-31: ' +
          'renew it with a new date or remove it.',
        why: 'An expired waiver waives nothing: what it accepted blocks again until the waiver is renewed with a new date or removed.',
        docsUrl: 'docs/plan-review.md#what-it-reports',
        result: 'non-compliant',
      },
    ]);
  });

  test('a UTF-16 plan (a Windows shell redirect) is read', async () => {
    const text = readFileSync(staging, 'utf8');
    const utf16 = write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await expect(run(['review', '--plan', `staging=${utf16}`, '--output', join(dir, 'u.txt')])).resolves.toBe(ExitCode.ok);
    expect(readFileSync(join(dir, 'u.txt'), 'utf8')).toContain('staging: 0 to create, 4 to update');
  });
});

describe('bad input: exit 2 with one message', () => {
  const original = readFileSync(staging, 'utf8');
  const cases: [string, () => string[], string][] = [
    [
      'an environment given twice',
      () => ['review', '--plan', `staging=${staging}`, '--plan', `staging=${prod}`],
      'expected each environment once in `--plan`, found `staging` twice. Pass `--plan staging=...` only once.',
    ],
    [
      'truncated JSON',
      () => ['review', '--plan', `staging=${write('truncated.json', original.slice(0, 3000))}`],
      `expected complete plan JSON, found JSON that stops after 3000 bytes (the text ends inside an object or array) in ` +
        `\`${join(dir, 'truncated.json')}\`. The file was cut off: write it again with \`terraform show -json PLANFILE > plan.json\` ` +
        `and make sure the command finished.`,
    ],
    [
      'a trailing comma',
      () => ['review', '--plan', `staging=${write('comma.json', '{"format_version":"1.2","resource_changes":[],}')}`],
      `expected valid plan JSON, found invalid JSON at line 1, column 47 (a trailing comma before the closing bracket) in ` +
        `\`${join(dir, 'comma.json')}\`. Run \`terraform show -json PLANFILE > plan.json\` and pass that file.`,
    ],
    [
      'an unknown format_version major',
      () => ['review', '--plan', `staging=${write('v2.json', original.replace('"format_version": "1.2"', '"format_version": "2.0"'))}`],
      `expected plan JSON format_version 0.x or 1.x, found format_version \`2.0\` in \`${join(dir, 'v2.json')}\`. Produce the plan ` +
        `JSON with Terraform 0.12 to 1.x, or upgrade env-parity to a version that reads this format.`,
    ],
    [
      'the JSON of a state, not a plan',
      () => [
        'review',
        '--plan',
        `staging=${write('state-show.json', '{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{}}}')}`,
      ],
      `expected plan JSON (with \`planned_values\` or \`resource_changes\`), found the JSON of a state (\`terraform show -json\` ` +
        `without a plan file: it has \`values\`, no \`planned_values\`) in \`${join(dir, 'state-show.json')}\`. Run \`terraform show ` +
        `-json PLANFILE > plan.json\` and pass that file.`,
    ],
    [
      'setup-terraform wrapper output',
      () => ['review', '--plan', `staging=${write('wrapped.json', `[command]/tmp/terraform-bin show -json plan.tfplan\n${original}`)}`],
      `expected plan JSON starting with \`{\`, found \`[command]/tmp/terraform-bin show -json plan.tfplan\` (output of the ` +
        `hashicorp/setup-terraform wrapper) in \`${join(dir, 'wrapped.json')}\`. Set \`terraform_wrapper: false\` on ` +
        `hashicorp/setup-terraform, or redirect \`terraform show -json PLANFILE\` to a file.`,
    ],
    [
      'a missing file',
      () => ['review', '--plan', `staging=${join(dir, 'nope.json')}`],
      `expected a plan JSON file at \`${join(dir, 'nope.json')}\`, found nothing: no such file or directory. Check the path given to ` +
        `\`--plan NAME=FILE\`.`,
    ],
    [
      'an environment the config does not declare',
      () => ['review', '--plan', `prd=${staging}`],
      'expected an environment from config/environments.ts (dev, staging, prod), found `prd` in `--plan prd=...`. Name the plan ' +
        'after its environment, e.g. `--plan staging=staging.json`.',
    ],
    [
      'no plan at all',
      () => ['review'],
      'expected at least one `--plan NAME=FILE`, found none. Run `npx parity plan review --plan dev=plan.json`.',
    ],
    [
      'an unknown subcommand',
      () => ['show'],
      'expected `parity plan review`, found `parity plan show`. Run `parity plan review --plan ENV=PLAN.json [--plan ENV=PLAN.json ' +
        '...] [--format text|markdown|json] [--output FILE] [--waivers FILE]`.',
    ],
    [
      'an unknown format',
      () => ['review', '--plan', `staging=${staging}`, '--format', 'html'],
      'expected `--format` one of text, markdown, json, found `html`. Run again with `--format text`.',
    ],
    [
      'a waiver without a reason',
      () => [
        'review',
        '--plan',
        `staging=${staging}`,
        '--waivers',
        write('bad-waiver.yml', '- address: aws_s3_bucket.exports\n  owner: me\n  expires: 2030-01-01\n'),
      ],
      `expected waiver 1 in \`${join(dir, 'bad-waiver.yml')}\` to match the waiver schema, found \`reason\`: Invalid input: expected ` +
        `string, received undefined. Fix that entry; e.g. \`waivers:\\n  - address: aws_db_instance.orders-{env}\\n    rule: ` +
        `engine-major-upgrade\\n    reason: planned upgrade to 17, rehearsed on staging\\n    owner: data-platform\\n    expires: ` +
        `2026-12-31\`.`,
    ],
  ];
  test.each(cases)('%s', async (_name, argv, message) => {
    await expect(run(argv())).rejects.toEqual(new ExitError(ExitCode.badInput, message));
  });
});
