/**
 * `parity data check|seed`: parses arguments, asks the project it runs in (if any) for its
 * environments and database settings, and hands plain values to the engines (run-check.ts,
 * run-seed.ts). Outside a project, `--db NAME=URL` and `--policy` say everything.
 *
 *   data check --db NAME=URL ... [--policy FILE] [--exact-counts] [--format text|markdown|json|html] [--output FILE]
 *     exit 0 parity, 1 differences, 2 bad input, 3 a database could not be read
 *   data seed --db NAME=URL --profile FILE [--scale F] [--tables a,b] [--dry-run] [--yes]
 *     exit 0 seeded (or planned), 2 bad input or refused
 */
import { asksForHelp, defineCommand, parseCommand, parseFormat, type GroupSpec } from './args';
import { isHelpWord, renderCommandHelp, renderGroupHelp } from './help';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import type { readDataProfile as ReadDataProfile } from '../migrations/profile';
import type { iamTarget as IamTarget } from '../data/iam-target';
import type { DataCheckReport } from '../data/model';
import type * as DataPolicyFile from '../data/policy-file';
import type { DatabaseTarget } from '../data/read-database';
import type * as DataEnvelope from '../data/data-envelope';
import type * as RenderData from '../data/render-data';
import type * as RunCheck from '../data/run-check';
import type { renderSeed as RenderSeed, runDataSeed as RunDataSeed } from '../data/run-seed';
import { parseDbSpecs, rootCertificate, urlTarget, type DbSpec } from '../data/targets';
import { type ParityProject, currentProject } from './project';

/** What the data commands need from the project: none of it outside one. */
type ProjectConfig = ParityProject | undefined;

function findEnvironment(config: ProjectConfig, name: string) {
  return config?.environments.find((e) => e.name === name);
}

const CHECK_USAGE =
  'parity data check --db NAME=URL ... [--policy FILE] [--exact-counts] [--format text|markdown|json|html] [--output FILE]';
const SEED_USAGE = 'parity data seed --db NAME=URL --profile FILE [--scale F] [--tables a,b] [--dry-run] [--yes]';
const FORMATS = ['text', 'markdown', 'json', 'html'] as const;

const DB =
  'a database: NAME=postgresql://USER@HOST:PORT/DATABASE, NAME=env:VARIABLE (the URL in that ' +
  'variable), or NAME alone for an environment of config/ (its endpoint from SSM, an IAM token, ' +
  'TLS verified against PGSSLROOTCERT)';

export const CHECK = defineCommand({
  name: 'data check',
  summary: "hold staging's database against prod's, read-only",
  usage: CHECK_USAGE,
  description:
    `Compares the databases read-only: the server version, extensions, the settings the platform's ` +
    `parameter group sets (and the policy's), the schema (each difference with the DDL that brings ` +
    'the lagging one in line), the applied migrations, and rows and size per table (low below 10% ' +
    `of prod's rows or 100,000, whichever is smaller). The environment config/ marks as production ` +
    '(else the one named prod or production, else the first) is the reference.',
  options: {
    db: { type: 'string', value: 'NAME=URL', multiple: true, description: `${DB}; at least two` },
    policy: {
      type: 'string',
      value: 'FILE',
      description: 'data policy (YAML or JSON): more settings to compare, the volume rule per table',
    },
    'exact-counts': {
      type: 'boolean',
      description: "count every table's rows (needs pg_read_all_data) instead of the planner's estimates",
    },
    format: { type: 'string', value: 'text|markdown|json|html', description: 'report format', default: 'text' },
    output: { type: 'string', value: 'FILE', description: 'write the report there (atomically) instead of standard output' },
  },
  colour: true,
  examples: [
    'parity data check --db prod --db staging',
    'parity data check --db prod=env:PROD_RO_URL --db staging=env:STAGING_RO_URL --format html --output data.html',
  ],
  exitCodes: [
    [0, 'parity'],
    [1, 'differences'],
    [2, 'bad input'],
    [3, 'a database could not be read'],
  ],
});

export const SEED = defineCommand({
  name: 'data seed',
  summary: "fill a non-production database to prod's volume from prod's profile",
  usage: SEED_USAGE,
  description:
    `Brings each table of prod's profile (\`parity migrations profile\`) to rows x scale with ` +
    'synthetic rows shaped by its column statistics, parents before children: it only adds rows, ' +
    'never updates or deletes one, so a second run adds nothing and an interrupted run resumes. ' +
    'Refuses a production database (by config/, by name, or by the system identifier of a --db ' +
    'given as prod).',
  options: {
    db: {
      type: 'string',
      value: 'NAME=URL',
      multiple: true,
      description:
        'the database to fill, as NAME=URL or NAME=env:VARIABLE of a role that may insert; and ' +
        'optionally prod (NAME=URL or NAME alone), so their system identifiers are compared',
    },
    profile: {
      type: 'string',
      value: 'FILE',
      description: "prod's data profile (parity migrations profile --database-url PROD_URL --output FILE)",
    },
    scale: { type: 'string', value: 'F', description: "the fraction of prod's rows to reach (above 0)", default: '1' },
    tables: { type: 'string', value: 'a,b', description: 'only these tables of the profile', default: 'every table' },
    'dry-run': { type: 'boolean', description: 'say what would be added, write nothing' },
    yes: { type: 'boolean', description: 'write the rows (required unless --dry-run)' },
  },
  examples: [
    'parity data seed --db staging=env:STAGING_ADMIN_URL --db prod --profile profile.json --dry-run',
    'parity data seed --db staging=env:STAGING_ADMIN_URL --db prod --profile profile.json --scale 0.5 --yes',
  ],
  exitCodes: [
    [0, 'seeded (or, with --dry-run, planned)'],
    [2, 'bad input or refused'],
  ],
});

export const GROUP: GroupSpec = {
  name: 'data',
  summary: "hold staging's database against prod's; fill it to prod's volume",
  subcommands: [CHECK, SEED],
  examples: [
    'parity data check --db prod --db staging',
    'parity data seed --db staging=env:STAGING_ADMIN_URL --db prod --profile profile.json --dry-run',
  ],
};

/** Production: marked so by the project; a name it does not declare is production when it is `prod` or `production`. */
export function isProduction(config: ProjectConfig, name: string): boolean {
  const env = findEnvironment(config, name);
  return env ? env.production : /^prod(uction)?$/i.test(name);
}

function targetOf(config: ProjectConfig, spec: DbSpec, ca: string | undefined): DatabaseTarget {
  if (spec.form === 'url') return urlTarget(spec.name, spec.url, ca);
  const env = findEnvironment(config, spec.name);
  if (!config || !env) {
    const declared = config
      ? `an environment of ${config.environmentsFrom}: ${config.environments.map((e) => e.name).join(', ')}`
      : 'an environment of a cdktf project with a parity-project module, and there is none here';
    throw badInput(
      `\`--db ${spec.name}=URL\` (\`${spec.name}\` alone is for ${declared})`,
      `\`--db ${spec.name}\``,
      `Give its URL: \`--db ${spec.name}=postgresql://...\` or \`--db ${spec.name}=env:VARIABLE\`.`,
    );
  }
  // Loaded only for this form: the AWS SDK clients cost a few hundred ms to load.
  const { iamTarget } = require('../data/iam-target') as { iamTarget: typeof IamTarget };
  return iamTarget({
    environment: env.name,
    app: config.app,
    region: env.region,
    ...(env.readOnlyRoleArn ? { roleArn: env.readOnlyRoleArn } : {}),
    databaseName: config.database.databaseName,
    ...(ca ? { ca } : {}),
  });
}

export function renderDataCheck(report: DataCheckReport, format: (typeof FORMATS)[number], colour: boolean): string {
  // Loaded only once a command runs (`require`, not `import()`: tsx's CommonJS hook does not see dynamic imports).
  const { renderDataCheckJson } = require('../data/data-envelope') as typeof DataEnvelope;
  const { renderDataCheckHtml, renderDataCheckMarkdown, renderDataCheckText } = require('../data/render-data') as typeof RenderData;
  if (format === 'json') return renderDataCheckJson(report);
  if (format === 'markdown') return renderDataCheckMarkdown(report);
  if (format === 'html') return renderDataCheckHtml(report);
  return renderDataCheckText(report, colour);
}

async function check(argv: string[], config: ProjectConfig): Promise<number> {
  const parsed = parseCommand(CHECK, argv);
  if (parsed.help) return ExitCode.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `Run \`${CHECK_USAGE}\`.`);
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const specs = parseDbSpecs(values.db);
  if (specs.length < 2)
    throw badInput(
      'at least two `--db NAME=URL` to compare (prod and the environments held against it)',
      specs.length === 0 ? 'none' : `only \`${specs[0]!.name}\``,
      'Add `--db prod=...` and `--db staging=...`.',
    );
  // The engine loads only once the command runs, so `--help` costs what `parity --help` does.
  const { readDataPolicy } = require('../data/policy-file') as typeof DataPolicyFile;
  const { dataCheckExitCode, runDataCheck } = require('../data/run-check') as typeof RunCheck;
  const policy = readDataPolicy(values.policy);
  const ca = rootCertificate();
  const databases = specs.map((s) => targetOf(config, s, ca));
  const reference = specs.find((s) => isProduction(config, s.name))?.name ?? specs[0]!.name;
  const parameters = config?.database.parameters ?? {};
  const settings = [...new Set([...Object.keys(parameters), ...policy.settings])];
  const expectedSettings = { ...parameters };
  const report = await runDataCheck({
    databases,
    reference,
    settings,
    expectedSettings,
    exactCounts: values['exact-counts'] ?? false,
    volumePolicy: policy.volume,
  });
  writeOutput(renderDataCheck(report, format, useColour(values.output, values['no-color'])), values.output);
  return dataCheckExitCode(report);
}

function parseScale(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw badInput("`--scale` a positive number (1 = prod's rows)", `\`${value}\``, 'Run again with e.g. `--scale 0.1`.');
  return n;
}

/** Progress on a terminal only: one line per table, rewritten in place. */
export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
): ((table: string, done: number, target: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let current = '';
  return (table, done, target) => {
    if (current && current !== table) stream.write('\n');
    current = table;
    const pct = target > 0 ? Math.floor((done / target) * 100) : 100;
    stream.write(`\r  seeding ${table}: ${done.toLocaleString('en-US')} / ${target.toLocaleString('en-US')} rows (${pct}%)`);
    if (done >= target) {
      stream.write('\n');
      current = '';
    }
  };
}

async function seed(argv: string[], config: ProjectConfig): Promise<number> {
  const parsed = parseCommand(SEED, argv);
  if (parsed.help) return ExitCode.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `Run \`${SEED_USAGE}\`.`);
  const specs = parseDbSpecs(values.db);
  if (specs.length === 0) throw badInput('`--db NAME=URL` of the database to fill', 'none', `usage: ${SEED_USAGE}`);
  if (!values.profile)
    throw badInput(
      "`--profile FILE`: prod's data profile (`npx parity migrations profile --database-url PROD_URL --output FILE`)",
      'none',
      `usage: ${SEED_USAGE}`,
    );
  const production = specs.filter((s) => isProduction(config, s.name));
  const targets = specs.filter((s) => !isProduction(config, s.name));
  if (targets.length === 0) {
    const name = production[0]!.name;
    const why =
      config && findEnvironment(config, name)
        ? `${config.environmentsFrom} marks it \`production: true\``
        : 'its name says it is production';
    throw badInput(
      'a non-production environment to seed',
      `\`${name}\` (${why})`,
      'Refusing to write into prod. Seed staging or dev; give prod only beside the target (`--db ' +
        'prod=...`) so their system identifiers are compared.',
    );
  }
  if (targets.length > 1)
    throw badInput(
      'one database to seed (plus any given as prod)',
      targets.map((t) => `\`${t.name}\``).join(', '),
      'Seed them one at a time.',
    );
  const target = targets[0]!;
  if (target.form !== 'url')
    throw badInput(
      `\`--db ${target.name}=URL\` of a role that may insert (\`data seed\` writes; \`--db ${target.name}\` alone connects read-only)`,
      `\`--db ${target.name}\``,
      `Give its URL: \`--db ${target.name}=env:STAGING_DATABASE_URL\`.`,
    );
  const dryRun = values['dry-run'] ?? false;
  if (!dryRun && !values.yes) {
    throw badInput(
      `\`--yes\` to write rows into \`${target.name}\` (or \`--dry-run\` to see what would be added)`,
      'neither',
      'Run with `--dry-run` first, then again with `--yes`.',
    );
  }
  const scale = parseScale(values.scale);
  const tables = values.tables
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  // The seeder is loaded for `seed` only.
  const { readDataProfile } = require('../migrations/profile') as { readDataProfile: typeof ReadDataProfile };
  const { renderSeed, runDataSeed } = require('../data/run-seed') as { renderSeed: typeof RenderSeed; runDataSeed: typeof RunDataSeed };
  const profile = readDataProfile(values.profile);
  const ca = rootCertificate();
  const onProgress = terminalProgress();
  const result = await runDataSeed({
    target: targetOf(config, target, ca),
    production: production.map((p) => targetOf(config, p, ca)),
    profile,
    scale,
    ...(tables ? { tables } : {}),
    dryRun,
    ...(onProgress ? { onProgress } : {}),
  });
  writeOutput(renderSeed(result));
  return ExitCode.ok;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (isHelpWord(sub)) {
    process.stdout.write(renderGroupHelp(GROUP));
    return ExitCode.ok;
  }
  if (sub !== 'check' && sub !== 'seed')
    throw badInput(
      '`data check` or `data seed`',
      sub ? `\`data ${sub}\`` : '`data` alone',
      `Run \`${CHECK_USAGE}\`. \`parity data --help\` explains both.`,
    );
  // The help needs no configuration.
  if (asksForHelp(rest)) {
    process.stdout.write(renderCommandHelp(sub === 'check' ? CHECK : SEED));
    return ExitCode.ok;
  }
  const config = currentProject();
  return sub === 'check' ? check(rest, config) : seed(rest, config);
}
