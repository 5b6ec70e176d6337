/**
 * `parity data check|seed`: parses arguments, reads config/ (the only layer here that does), and
 * hands plain values to the engines (run-check.ts, run-seed.ts).
 *
 *   data check --db NAME=URL ... [--policy FILE] [--exact-counts] [--format text|markdown|json|html] [--output FILE]
 *     exit 0 parity, 1 differences, 2 bad input, 3 a database could not be read
 *   data seed --db NAME=URL --profile FILE [--scale F] [--tables a,b] [--dry-run] [--yes]
 *     exit 0 seeded (or planned), 2 bad input or refused
 */
import { findEnvironment, loadProjectConfig, type ProjectConfig } from '../../../../config';
import { parseCommandArgs, parseFormat } from './args';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import type { readDataProfile as ReadDataProfile } from '../migrations/profile';
import type { iamTarget as IamTarget } from '../data/iam-target';
import type { DataCheckReport } from '../data/model';
import { readDataPolicy } from '../data/policy-file';
import type { DatabaseTarget } from '../data/read-database';
import { renderDataCheckJson } from '../data/data-envelope';
import { renderDataCheckHtml, renderDataCheckMarkdown, renderDataCheckText } from '../data/render-data';
import { dataCheckExitCode, runDataCheck } from '../data/run-check';
import type { renderSeed as RenderSeed, runDataSeed as RunDataSeed } from '../data/run-seed';
import { parseDbSpecs, rootCertificate, urlTarget, type DbSpec } from '../data/targets';

const CHECK_USAGE = 'parity data check --db NAME=URL ... [--policy FILE] [--exact-counts] [--format text|markdown|json|html] [--output FILE]';
const SEED_USAGE = 'parity data seed --db NAME=URL --profile FILE [--scale F] [--tables a,b] [--dry-run] [--yes]';
const FORMATS = ['text', 'markdown', 'json', 'html'] as const;

/** Production: marked so in config/; a name outside config/ is production when it is `prod` or `production`. */
export function isProduction(config: ProjectConfig, name: string): boolean {
  const env = findEnvironment(config, name);
  return env ? env.production : /^prod(uction)?$/i.test(name);
}

function targetOf(config: ProjectConfig, spec: DbSpec, ca: string | undefined): DatabaseTarget {
  if (spec.form === 'url') return urlTarget(spec.name, spec.url, ca);
  const env = findEnvironment(config, spec.name);
  if (!env) {
    throw badInput(`\`--db ${spec.name}=URL\` (\`${spec.name}\` alone is for an environment of config/environments.ts: ${config.environments.map((e) => e.name).join(', ')})`, `\`--db ${spec.name}\``, `Give its URL: \`--db ${spec.name}=postgresql://...\` or \`--db ${spec.name}=env:VARIABLE\`.`);
  }
  // Loaded only for this form: the AWS SDK clients cost a few hundred ms to load.
  const { iamTarget } = require('../data/iam-target') as { iamTarget: typeof IamTarget };
  return iamTarget({ environment: env.name, app: config.platform.app, region: env.region, ...(env.readOnlyRoleArn ? { roleArn: env.readOnlyRoleArn } : {}), databaseName: config.platform.database.databaseName, ...(ca ? { ca } : {}) });
}

export function renderDataCheck(report: DataCheckReport, format: (typeof FORMATS)[number], colour: boolean): string {
  if (format === 'json') return renderDataCheckJson(report);
  if (format === 'markdown') return renderDataCheckMarkdown(report);
  if (format === 'html') return renderDataCheckHtml(report);
  return renderDataCheckText(report, colour);
}

async function check(argv: string[], config: ProjectConfig): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { db: { type: 'string', multiple: true }, policy: { type: 'string' }, 'exact-counts': { type: 'boolean' }, format: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    CHECK_USAGE,
  );
  if (values.help) return help(CHECK_USAGE);
  if (positionals.length > 0) throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `Run \`${CHECK_USAGE}\`.`);
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const specs = parseDbSpecs(values.db);
  if (specs.length < 2) throw badInput('at least two `--db NAME=URL` to compare (prod and the environments held against it)', specs.length === 0 ? 'none' : `only \`${specs[0]!.name}\``, 'Add `--db prod=...` and `--db staging=...`.');
  const policy = readDataPolicy(values.policy);
  const ca = rootCertificate();
  const databases = specs.map((s) => targetOf(config, s, ca));
  const reference = specs.find((s) => isProduction(config, s.name))?.name ?? specs[0]!.name;
  const settings = [...new Set([...Object.keys(config.platform.database.parameters), ...policy.settings])];
  const expectedSettings = Object.fromEntries(Object.entries(config.platform.database.parameters).map(([name, p]) => [name, p.value]));
  const report = await runDataCheck({ databases, reference, settings, expectedSettings, exactCounts: values['exact-counts'] ?? false, volumePolicy: policy.volume });
  writeOutput(renderDataCheck(report, format, useColour(values.output)), values.output);
  return dataCheckExitCode(report);
}

function parseScale(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw badInput('`--scale` a positive number (1 = prod\'s rows)', `\`${value}\``, 'Run again with e.g. `--scale 0.1`.');
  return n;
}

/** Progress on a terminal only: one line per table, rewritten in place. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ((table: string, done: number, target: number) => void) | undefined {
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
  const { values, positionals } = parseCommandArgs(
    argv,
    { db: { type: 'string', multiple: true }, profile: { type: 'string' }, scale: { type: 'string' }, tables: { type: 'string' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    SEED_USAGE,
  );
  if (values.help) return help(SEED_USAGE);
  if (positionals.length > 0) throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `Run \`${SEED_USAGE}\`.`);
  const specs = parseDbSpecs(values.db);
  if (specs.length === 0) throw badInput('`--db NAME=URL` of the database to fill', 'none', `usage: ${SEED_USAGE}`);
  if (!values.profile) throw badInput("`--profile FILE`: prod's data profile (`npx parity migrations profile --database-url PROD_URL --output FILE`)", 'none', `usage: ${SEED_USAGE}`);
  const production = specs.filter((s) => isProduction(config, s.name));
  const targets = specs.filter((s) => !isProduction(config, s.name));
  if (targets.length === 0) {
    const name = production[0]!.name;
    const why = findEnvironment(config, name) ? 'config/environments.ts marks it `production: true`' : 'its name says it is production';
    throw badInput('a non-production environment to seed', `\`${name}\` (${why})`, 'Refusing to write into prod. Seed staging or dev; give prod only beside the target (`--db prod=...`) so their system identifiers are compared.');
  }
  if (targets.length > 1) throw badInput('one database to seed (plus any given as prod)', targets.map((t) => `\`${t.name}\``).join(', '), 'Seed them one at a time.');
  const target = targets[0]!;
  if (target.form !== 'url') throw badInput(`\`--db ${target.name}=URL\` of a role that may insert (\`data seed\` writes; \`--db ${target.name}\` alone connects read-only)`, `\`--db ${target.name}\``, `Give its URL: \`--db ${target.name}=env:STAGING_DATABASE_URL\`.`);
  const dryRun = values['dry-run'] ?? false;
  if (!dryRun && !values.yes) {
    throw badInput(`\`--yes\` to write rows into \`${target.name}\` (or \`--dry-run\` to see what would be added)`, 'neither', 'Run with `--dry-run` first, then again with `--yes`.');
  }
  const scale = parseScale(values.scale);
  const tables = values.tables?.split(',').map((t) => t.trim()).filter(Boolean);
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

function help(usage: string): number {
  process.stdout.write(`usage: ${usage}\n`);
  return ExitCode.ok;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    process.stdout.write(`usage:\n  ${CHECK_USAGE}\n  ${SEED_USAGE}\n`);
    return ExitCode.ok;
  }
  if (sub !== 'check' && sub !== 'seed') throw badInput('`data check` or `data seed`', sub ? `\`data ${sub}\`` : '`data` alone', `Run \`${CHECK_USAGE}\`.`);
  const config = loadProjectConfig();
  return sub === 'check' ? check(rest, config) : seed(rest, config);
}
