/** `parity preflight`: parses arguments only, then asks the database whether it has every migration. */
import { parseCommandArgs, parseFormat } from './args';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, writeOutput } from '../shared/output';
import { renderPreflight, runPreflight } from '../migrations/preflight';

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
  const result = await runPreflight({ databaseUrl: values['database-url'], dir: values.dir ?? 'migrations', tool: values.tool ?? 'sql', environment: values.env });
  writeOutput(format === 'json' ? JSON.stringify(result, null, 2) : renderPreflight(result), values.output);
  return result.missing.length === 0 ? ExitCode.ok : ExitCode.findings;
}
