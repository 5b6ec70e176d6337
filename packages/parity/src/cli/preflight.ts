/** `parity preflight`: parses arguments only, then asks the database whether it has every migration. */
import { parseCommandArgs, parseFormat } from './args';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, writeOutput } from '../shared/output';
import { type PreflightEnvironment, renderPreflight, runPreflight } from '../migrations/preflight';
import { currentProject } from './project';

const usage = 'parity preflight --database-url URL [--dir migrations] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--env NAME] [--format text|json] [--output FILE]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { 'database-url': { type: 'string' }, dir: { type: 'string' }, tool: { type: 'string' }, env: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' } },
    usage,
  );
  if (!values['database-url']) throw badInput('`--database-url URL` of the database the new version will use', 'none', `usage: ${usage}`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  checkOutput(values.output);
  const result = await runPreflight({ databaseUrl: values['database-url'], dir: values.dir ?? 'migrations', tool: values.tool ?? 'sql', environment: targetEnvironment(values.env) });
  writeOutput(format === 'json' ? JSON.stringify(result, null, 2) : renderPreflight(result), values.output);
  return result.missing.length === 0 ? ExitCode.ok : ExitCode.findings;
}

/** The environment the target belongs to: from the project's configuration inside a project (`--env`, default its production one), else named by `--env` alone. */
export function targetEnvironment(name: string | undefined, cwd: string = process.cwd()): PreflightEnvironment {
  const project = currentProject(cwd);
  if (!project) return { name: name ?? 'target', source: 'the command line' };
  const env = name === undefined ? project.environments.find((e) => e.production) : project.environments.find((e) => e.name === name);
  if (!env) {
    if (name === undefined) throw badInput(`an environment marked \`production: true\` in ${project.environmentsFrom}`, 'none', 'Mark the production environment, or pass `--env NAME`.');
    throw badInput(`\`--env\` one of ${project.environments.map((e) => e.name).join(', ')} (${project.environmentsFrom})`, `\`${name}\``, 'Run again with `--env prod`.');
  }
  return { name: env.name, source: `${project.environmentsFrom}, ${project.databaseFrom}`, databaseName: project.database.databaseName, engineVersion: project.database.engineVersion };
}
