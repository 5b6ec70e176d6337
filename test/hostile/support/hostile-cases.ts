/**
 * The hostile inputs: every command, every class of bad input a user can cause. Shared by the
 * hostile-input test suite (which asserts the exact message) and bench/hostile-inputs.ts (which
 * counts how each ended, against any checkout of the CLI).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');
const FIXTURES = join(REPO, 'test', 'fixtures');

/** Fixtures in place from the repository. */
export const PLAN = join(FIXTURES, 'plans', 'staging-terraform-1.8.json');
export const STACKS = join(FIXTURES, 'stacks', 'orders', 'stacks');
export const HCL_STAGING = join(FIXTURES, 'hcl', 'orders-terraform', 'envs', 'staging');
export const HCL_PROD = join(FIXTURES, 'hcl', 'orders-terraform', 'envs', 'prod');
export const MIGRATIONS = join(FIXTURES, 'migrations', 'items');

/** A database URL nothing listens on: rows that reach it have failed to stop before the work. */
export const DEAD_DATABASE = 'postgres://parity:parity@127.0.0.1:9/none';

export interface HostileCase {
  /** Command and class, e.g. `check --policy: a FIFO`. */
  readonly name: string;
  /** The arguments after `parity`. */
  readonly argv: readonly string[];
  /** Run as an unprivileged user (uid 65534), for permission cases when the tests run as root. */
  readonly unprivileged?: boolean;
  /** The exact line expected on stderr (after `parity: `); `$ROOT` stands for the scratch directory. */
  readonly message?: string;
}

/** Builds the scratch directory every case points into; everything is readable by uid 65534. */
export function makeScratch(root: string): void {
  chmodSync(root, 0o755);
  const w = (name: string, content: string | Buffer, mode = 0o644) => {
    writeFileSync(join(root, name), content);
    chmodSync(join(root, name), mode);
  };
  const d = (name: string, mode = 0o755) => {
    mkdirSync(join(root, name), { recursive: true });
    chmodSync(join(root, name), mode);
  };
  d('out');
  d('a-directory');
  w('a-file.txt', 'just text\n');
  // Mode 0: unreadable by anyone but root, and root runs those cases as uid 65534.
  w('unreadable.yaml', 'groups: {}\n', 0o000);
  w('unreadable.json', '{}', 0o000);
  d('unreadable-dir');
  w('unreadable-dir/main.tf', 'resource "aws_s3_bucket" "b" {}\n');
  chmodSync(join(root, 'unreadable-dir'), 0o000);
  d('read-only-dir', 0o555);
  w('read-only.txt', 'old report\n', 0o444);
  execFileSync('mkfifo', [join(root, 'fifo')]);
  chmodSync(join(root, 'fifo'), 0o666);
  // Sparse: as large as it says, no disk used.
  const sparse = (name: string, bytes: number) => {
    const fd = openSync(join(root, name), 'w');
    ftruncateSync(fd, bytes);
    closeSync(fd);
    chmodSync(join(root, name), 0o644);
  };
  sparse('huge.yaml', 300 * 1024 * 1024);
  sparse('huge-plan.json', 2 * 1024 * 1024 * 1024 + 1);
  w('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  w('binary.json', Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d]));
  w('list.yaml', '- staging\n- prod\n');
  w('bad-env-policy.yaml', 'groups:\n  production: [staging, Prod]\n');
  w(
    'impossible-date-policy.yaml',
    'waivers:\n  - address: aws_s3_bucket.b\n    reason: accepted until the end of February\n    owner: data-team\n    expires: ' +
      '2026-02-30\n',
  );
  w(
    'impossible-date-waivers.yml',
    '- address: aws_s3_bucket.exports\n  reason: accepted until the end of February\n  owner: data-team\n  expires: 2026-02-30\n',
  );
  const plan = (entry: string) => `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{},"resource_changes":[${entry}]}`;
  w('entry-null.json', plan('null'));
  w('entry-number.json', plan('42'));
  w('entry-no-change.json', plan('{"address":"aws_s3_bucket.b","type":"aws_s3_bucket","name":"b"}'));
  w(
    'entry-actions-string.json',
    plan('{"address":"aws_s3_bucket.b","type":"aws_s3_bucket","name":"b","change":{"actions":"update","before":{},"after":{}}}'),
  );
  w(
    'entry-replace-paths.json',
    plan(
      '{"address":"aws_s3_bucket.b","type":"aws_s3_bucket","name":"b","change":{"actions":["update"],"replace_paths":"x","before":{},' +
        '"after":{}}}',
    ),
  );
  d('hcl-list');
  w('hcl-list/main.tf.json', '[]');
  d('hcl-number');
  w('hcl-number/main.tf.json', '42');
  d('stacks-list/staging');
  d('stacks-list/prod');
  w('stacks-list/staging/cdk.tf.json', '[]');
  w('stacks-list/prod/cdk.tf.json', '{}');
  d('migrations-with-directory/0001_create.sql');
  w('migrations-with-directory/0000_first.sql', 'CREATE TABLE a (id int);\n');
  d('hcl-unreadable-file');
  w('hcl-unreadable-file/main.tf', 'resource "aws_s3_bucket" "b" {}\n', 0o000);
  d('hcl-fifo-file');
  execFileSync('mkfifo', [join(root, 'hcl-fifo-file', 'main.tf')]);
  d('hcl-dangling-link');
  w('hcl-dangling-link/main.tf', 'resource "aws_s3_bucket" "b" {}\n');
  symlinkSync(join(root, 'nowhere.tf'), join(root, 'hcl-dangling-link', 'extra.tf'));
  d('stacks-file-is-directory/staging/cdk.tf.json');
  d('stacks-file-is-directory/prod');
  w('stacks-file-is-directory/prod/cdk.tf.json', '{}');
  // Valid but odd: names that are keys of every JavaScript object.
  for (const env of ['hcl-proto-a', 'hcl-proto-b']) {
    d(env);
    w(
      `${env}/main.tf`,
      'variable "constructor" {\n  default = "x"\n}\nlocals {\n  toString = "y"\n}\nresource "aws_s3_bucket" "constructor" {\n  ' +
        'bucket = "${var.constructor}-${local.toString}"\n  tags = { hasOwnProperty = local.valueOf }\n}\nresource "constructor" ' +
        '"__proto__" {\n  a = 1\n}\n',
    );
  }
  w('proto-policy.yaml', 'groups:\n  constructor: [constructor, hasownproperty]\n');
  w(
    'deep-plan.json',
    plan(
      `{"address":"aws_s3_bucket.b","type":"aws_s3_bucket","name":"b","change":{"actions":["update"],"before":{},` +
        `"after":{"a":${'['.repeat(20000)}1${']'.repeat(20000)}}}}`,
    ),
  );
  d('stacks-deep/staging');
  d('stacks-deep/prod');
  w('stacks-deep/staging/cdk.tf.json', `{"resource":{"aws_s3_bucket":{"b":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}}}`);
  w('stacks-deep/prod/cdk.tf.json', '{}');
  d('hcl-resource-string');
  w('hcl-resource-string/main.tf.json', '{"resource": "aws_s3_bucket"}');
  d('stacks-resource-list/staging');
  d('stacks-resource-list/prod');
  w('stacks-resource-list/staging/cdk.tf.json', '{"resource": {"aws_s3_bucket": []}}');
  w('stacks-resource-list/prod/cdk.tf.json', '{}');
  d('migrations-with-fifo');
  execFileSync('mkfifo', [join(root, 'migrations-with-fifo', '0001_create.sql')]);
}

/** Removes the scratch directory, after giving back the permissions a non-root owner needs to. */
export function removeScratch(root: string): void {
  for (const dir of ['unreadable-dir', 'read-only-dir']) {
    try {
      chmodSync(join(root, dir), 0o755);
    } catch {
      // Already gone.
    }
  }
  rmSync(root, { recursive: true, force: true });
}

const NOT_WRITABLE_OUTPUTS = (option: string, root: string): [string, string[], boolean][] => [
  [`${option} "" (empty)`, [option, ''], false],
  [`${option} a directory`, [option, join(root, 'a-directory')], false],
  [`${option} under a file`, [option, join(root, 'a-file.txt', 'report.md')], false],
  [`${option} in a directory this user may not write`, [option, join(root, 'read-only-dir', 'report.md')], true],
  [`${option} a file this user may not write`, [option, join(root, 'read-only.txt')], true],
];

/** Valid but odd inputs: they must run (exit 0 or 1) without a trace, not be refused. */
export function oddButValidCases(root: string): HostileCase[] {
  return [
    {
      name: 'check --hcl with blocks, variables and locals named like Object members',
      argv: ['check', '--hcl', `staging=${join(root, 'hcl-proto-a')}`, '--hcl', `prod=${join(root, 'hcl-proto-b')}`],
    },
    {
      name: 'check --hcl constructor= and hasownproperty= in a group named constructor',
      argv: [
        'check',
        '--hcl',
        `constructor=${join(root, 'hcl-proto-a')}`,
        '--hcl',
        `hasownproperty=${join(root, 'hcl-proto-b')}`,
        '--policy',
        join(root, 'proto-policy.yaml'),
      ],
    },
    { name: 'check --output /dev/null', argv: ['check', '--stacks', STACKS, '--output', '/dev/null'] },
  ];
}

/** Every case, with `root` the scratch directory built by makeScratch. */
export function hostileCases(root: string): HostileCase[] {
  const r = (name: string) => join(root, name);
  const cases: HostileCase[] = [];
  const add = (name: string, argv: string[], unprivileged = false) => cases.push({ name, argv, unprivileged });

  // Outputs, for every command that writes one: refused before any work.
  const commands: [string, string[]][] = [
    ['check', ['check', '--stacks', STACKS]],
    ['plan review', ['plan', 'review', '--plan', `staging=${PLAN}`]],
    ['migrations check', ['migrations', 'check', '--dir', MIGRATIONS, '--all']],
    ['migrations profile', ['migrations', 'profile', '--database-url', DEAD_DATABASE]],
    ['preflight', ['preflight', '--database-url', DEAD_DATABASE, '--dir', MIGRATIONS]],
    ['drift', ['drift', '--env', 'staging']],
    ['synth', ['synth', '--outdir', r('out/synth')]],
  ];
  for (const [command, argv] of commands) {
    for (const [what, extra, unprivileged] of NOT_WRITABLE_OUTPUTS('--output', root))
      add(`${command} ${what}`, [...argv, ...extra], unprivileged);
  }
  add('synth --outdir a file', ['synth', '--outdir', r('a-file.txt')]);
  add('synth --outdir under a file', ['synth', '--outdir', r('a-file.txt/cdktf.out')]);
  add('synth --outdir in a directory this user may not write', ['synth', '--outdir', r('read-only-dir/cdktf.out')], true);
  add('synth --outdir ""', ['synth', '--outdir', '']);

  // A file input that is not a readable regular file.
  const fileInputs: [string, (path: string) => string[]][] = [
    ['check --policy', (p) => ['check', '--stacks', STACKS, '--policy', p]],
    ['plan review --plan', (p) => ['plan', 'review', '--plan', `staging=${p}`]],
    ['plan review --waivers', (p) => ['plan', 'review', '--plan', `staging=${PLAN}`, '--waivers', p]],
    ['migrations check --profile', (p) => ['migrations', 'check', '--dir', MIGRATIONS, '--all', '--profile', p]],
  ];
  for (const [input, argv] of fileInputs) {
    add(`${input}: missing`, argv(r('missing.yaml')));
    add(`${input}: a directory`, argv(r('a-directory')));
    add(`${input}: under a file`, argv(r('a-file.txt/policy.yaml')));
    add(`${input}: unreadable`, argv(r('unreadable.yaml')), true);
    add(`${input}: a FIFO`, argv(r('fifo')));
    add(`${input}: a character device`, argv('/dev/zero'));
    add(`${input}: binary`, argv(r('binary.yaml')));
  }
  add('check --policy: too large', ['check', '--stacks', STACKS, '--policy', r('huge.yaml')]);
  add('check --policy: binary JSON', ['check', '--stacks', STACKS, '--policy', r('binary.json')]);
  add('check --policy: unreadable JSON', ['check', '--stacks', STACKS, '--policy', r('unreadable.json')], true);
  add('plan review --plan: too large', ['plan', 'review', '--plan', `staging=${r('huge-plan.json')}`]);
  add('plan review --waivers: too large', ['plan', 'review', '--plan', `staging=${PLAN}`, '--waivers', r('huge.yaml')]);

  // A directory input that is not a readable directory.
  const directoryInputs: [string, (path: string) => string[]][] = [
    ['check --stacks', (p) => ['check', '--stacks', p]],
    ['check --hcl', (p) => ['check', '--hcl', `staging=${p}`, '--hcl', `prod=${HCL_PROD}`]],
    ['migrations check --dir', (p) => ['migrations', 'check', '--dir', p, '--all']],
    ['preflight --dir', (p) => ['preflight', '--database-url', DEAD_DATABASE, '--dir', p]],
  ];
  for (const [input, argv] of directoryInputs) {
    add(`${input}: missing`, argv(r('missing-dir')));
    add(`${input}: a regular file`, argv(r('a-file.txt')));
    add(`${input}: under a file`, argv(r('a-file.txt/envs')));
    add(`${input}: unreadable (scandir EACCES)`, argv(r('unreadable-dir')), true);
    add(`${input}: a FIFO`, argv(r('fifo')));
  }
  add('migrations check: a migration path that is a directory', ['migrations', 'check', '--dir', r('migrations-with-directory'), '--all']);
  add('migrations check: a migration path that is a FIFO', ['migrations', 'check', '--dir', r('migrations-with-fifo'), '--all']);
  add('preflight: a migration path that is a directory', [
    'preflight',
    '--database-url',
    DEAD_DATABASE,
    '--dir',
    r('migrations-with-directory'),
  ]);

  add('check --output /dev/full (the disk is full)', ['check', '--stacks', STACKS, '--output', '/dev/full']);
  add('check --output under /proc (nothing can be created there)', ['check', '--stacks', STACKS, '--output', '/proc/nope/x']);
  add(
    'check --hcl: an unreadable .tf file (open EACCES)',
    ['check', '--hcl', `staging=${r('hcl-unreadable-file')}`, '--hcl', `prod=${HCL_PROD}`],
    true,
  );
  add('check --hcl: a .tf file that is a FIFO', ['check', '--hcl', `staging=${r('hcl-fifo-file')}`, '--hcl', `prod=${HCL_PROD}`]);
  add('check --hcl: a .tf link to nowhere', ['check', '--hcl', `staging=${r('hcl-dangling-link')}`, '--hcl', `prod=${HCL_PROD}`]);
  add('check --stacks: cdk.tf.json that is a directory', ['check', '--stacks', r('stacks-file-is-directory')]);

  // Shapes.
  add('plan review: an entry that is null', ['plan', 'review', '--plan', `staging=${r('entry-null.json')}`]);
  add('plan review: an entry that is a number', ['plan', 'review', '--plan', `staging=${r('entry-number.json')}`]);
  add('plan review: an entry without change', ['plan', 'review', '--plan', `staging=${r('entry-no-change.json')}`]);
  add('plan review: actions that is not a list', ['plan', 'review', '--plan', `staging=${r('entry-actions-string.json')}`]);
  add('plan review: replace_paths that is not a list', ['plan', 'review', '--plan', `staging=${r('entry-replace-paths.json')}`]);
  add('plan review: values nested 20,000 levels deep', ['plan', 'review', '--plan', `staging=${r('deep-plan.json')}`]);
  add('check --stacks: values nested 20,000 levels deep', ['check', '--stacks', r('stacks-deep')]);
  add('plan review --waivers: an impossible date', [
    'plan',
    'review',
    '--plan',
    `staging=${PLAN}`,
    '--waivers',
    r('impossible-date-waivers.yml'),
  ]);
  add('check --policy: an impossible waiver date', ['check', '--stacks', STACKS, '--policy', r('impossible-date-policy.yaml')]);
  add('check --policy: a list, not a mapping', ['check', '--stacks', STACKS, '--policy', r('list.yaml')]);
  add('check --policy: an environment name with capitals', ['check', '--stacks', STACKS, '--policy', r('bad-env-policy.yaml')]);
  add('check --hcl: main.tf.json that is []', ['check', '--hcl', `staging=${r('hcl-list')}`, '--hcl', `prod=${HCL_PROD}`]);
  add('check --hcl: main.tf.json that is a number', ['check', '--hcl', `staging=${r('hcl-number')}`, '--hcl', `prod=${HCL_PROD}`]);
  add('check --stacks: cdk.tf.json that is []', ['check', '--stacks', r('stacks-list')]);
  add('check --hcl: main.tf.json whose resource is a string', [
    'check',
    '--hcl',
    `staging=${r('hcl-resource-string')}`,
    '--hcl',
    `prod=${HCL_PROD}`,
  ]);
  add('check --stacks: cdk.tf.json whose resource type is a list', ['check', '--stacks', r('stacks-resource-list')]);
  for (const name of ['__proto__', 'Prod', 'prod.eu', '1prod']) {
    add(`plan review --plan ${name}=`, ['plan', 'review', '--plan', `${name}=${PLAN}`]);
    add(`check --hcl ${name}=`, ['check', '--hcl', `${name}=${HCL_STAGING}`, '--hcl', `prod=${HCL_PROD}`]);
  }
  for (const name of ['constructor', 'toString', 'hasOwnProperty'])
    add(`plan review --plan ${name}= (not declared)`, ['plan', 'review', '--plan', `${name}=${PLAN}`]);

  // Usage.
  add('check: an unknown option', ['check', '--polcy', 'x']);
  add('plan review: an option without its value', ['plan', 'review', '--plan']);
  add('migrations check: an unknown option', ['migrations', 'check', '--everything']);
  add('drift: an unknown option', ['drift', '--envs', 'staging']);
  return cases;
}
