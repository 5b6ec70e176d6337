/** `parity preflight`: parses arguments only, then asks the database whether it has every migration. */
import { defineCommand, parseCommand, parseFormat } from './args';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, writeOutput } from '../shared/output';
import type * as Preflight from '../migrations/preflight';
import type { PreflightEnvironment } from '../migrations/preflight';
import { currentProject } from './project';

const usage =
  'parity preflight --database-url URL [--dir migrations] [--tool ' +
  'sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--env NAME] [--format text|json] ' +
  '[--output FILE]';

export const COMMAND = defineCommand({
  name: 'preflight',
  summary: 'deploy gate: fail unless the database has every migration',
  usage,
  description:
    'Before a new version is deployed: asks the database the new version will use (read-only) ' +
    `whether it has every migration of --dir applied, reading the migration tool's own history ` +
    'table, and lists the ones it lacks.',
  options: {
    'database-url': {
      type: 'string',
      value: 'URL',
      description: 'the database the new version will use (postgresql://USER:PASSWORD@HOST:PORT/DATABASE)',
    },
    dir: { type: 'string', value: 'DIR', description: 'the migrations this checkout expects', default: 'migrations' },
    tool: {
      type: 'string',
      value: 'TOOL',
      description: 'their tool: sql, node-pg-migrate, knex, goose, dbmate, golang-migrate, flyway',
      default: 'sql',
    },
    env: {
      type: 'string',
      value: 'NAME',
      description: 'the environment of config/environments.ts whose configuration describes the database',
      default: 'the production one',
    },
    format: { type: 'string', value: 'text|json', description: 'report format', default: 'text' },
    output: { type: 'string', value: 'FILE', description: 'write the report there (atomically) instead of standard output' },
  },
  examples: [
    'parity preflight --database-url "$DATABASE_URL" --env prod',
    'parity preflight --database-url "$DATABASE_URL" --dir db/migrations --tool goose --format json --output preflight.json',
  ],
  exitCodes: [
    [0, 'the database has every migration'],
    [1, 'migrations missing'],
    [2, 'bad input or an unusable database'],
  ],
});

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed.help) return ExitCode.ok;
  const { values } = parsed;
  if (!values['database-url']) throw badInput('`--database-url URL` of the database the new version will use', 'none', `usage: ${usage}`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  checkOutput(values.output);
  // The engine loads only once the command runs, so `--help` costs what `parity --help` does; `require`, not
  // `import()`: tsx's CommonJS hook (bin/parity.cjs) does not see dynamic imports.
  const { renderPreflight, runPreflight } = require('../migrations/preflight') as typeof Preflight;
  const result = await runPreflight({
    databaseUrl: values['database-url'],
    dir: values.dir ?? 'migrations',
    tool: values.tool ?? 'sql',
    environment: targetEnvironment(values.env),
  });
  writeOutput(format === 'json' ? JSON.stringify(result, null, 2) : renderPreflight(result), values.output);
  return result.missing.length === 0 ? ExitCode.ok : ExitCode.findings;
}

/**
 * The environment the target belongs to: from the project's configuration inside a project (`--env`, default its
 * production one), else named by `--env` alone.
 */
export function targetEnvironment(name: string | undefined, cwd: string = process.cwd()): PreflightEnvironment {
  const project = currentProject(cwd);
  if (!project) return { name: name ?? 'target', source: 'the command line' };
  const env = name === undefined ? project.environments.find((e) => e.production) : project.environments.find((e) => e.name === name);
  if (!env) {
    if (name === undefined)
      throw badInput(
        `an environment marked \`production: true\` in ${project.environmentsFrom}`,
        'none',
        'Mark the production environment, or pass `--env NAME`.',
      );
    throw badInput(
      `\`--env\` one of ${project.environments.map((e) => e.name).join(', ')} (${project.environmentsFrom})`,
      `\`${name}\``,
      'Run again with `--env prod`.',
    );
  }
  return {
    name: env.name,
    source: `${project.environmentsFrom}, ${project.databaseFrom}`,
    databaseName: project.database.databaseName,
    engineVersion: project.database.engineVersion,
  };
}
