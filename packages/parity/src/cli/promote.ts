/**
 * `parity promote check --from ENV --to ENV [--min-soak HOURS] [--database-url URL]
 *  [--migrations-dir DIR] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--timeout SECONDS]
 *  [--format text|markdown|json] [--output FILE]`
 *
 * Exit codes: 0 promote, 1 refused (each reason with its fix), 2 bad input, 3 `--from` unreadable.
 */
import { loadProjectConfig } from '../../../../config';
import { parseCommandArgs, parseFormat } from './args';
import { promoteTargetOf, synthesizeFingerprints } from './promote-checkout';
import { badInput } from '../shared/exit-error';
import { checkOutput, writeOutput } from '../shared/output';
import { parseTimeout } from '../drift/timeout-option';
import type { PromoteReport } from '../promote/promote-report';
import { renderPromoteJson } from '../promote/promote-envelope';
import { renderPromoteMarkdown, renderPromoteText } from '../promote/render-promote';
import { promoteExitCode, runPromoteCheck } from '../promote/run-promote-check';

export const USAGE =
  'parity promote check --from ENV --to ENV [--min-soak HOURS] [--database-url URL] [--migrations-dir DIR] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--timeout SECONDS] [--format text|markdown|json] [--output FILE]';
const FORMATS = ['text', 'markdown', 'json'] as const;

const HELP = `usage: ${USAGE}

Passes only when prod would get exactly what staging already runs:
  (a) staging's live platform fingerprint (/<app>/<env>/PLATFORM_FINGERPRINT, read with its
      read-only role) equals the fingerprint of what this checkout would apply to prod;
  (b) staging's fingerprint was written at least --min-soak hours ago (default 0);
  (c) with --database-url (staging's database), it has every migration of --migrations-dir.

  --from ENV                  the environment that must already run the change (staging)
  --to ENV                    the environment about to get it (prod)
  --min-soak HOURS            how long staging must have run it (default 0)
  --database-url URL          staging's database, for the migrations check
  --migrations-dir DIR        the migrations this checkout expects (default migrations)
  --tool NAME                 their tool: sql, node-pg-migrate, knex, goose, dbmate, golang-migrate, flyway (default sql)
  --timeout SECONDS           total time for reading staging, retries included (default 60)
  --format text|markdown|json report format (default text)
  --output FILE               write the report there instead of standard output

Exit codes: 0 promote, 1 refused (each reason with its fix), 2 bad input, 3 staging unreadable.`;

export function renderPromote(report: PromoteReport, format: (typeof FORMATS)[number]): string {
  if (format === 'json') return renderPromoteJson(report);
  return format === 'markdown' ? renderPromoteMarkdown(report) : renderPromoteText(report);
}

function parseSoak(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+(\.\d+)?$/.test(value)) throw badInput('`--min-soak` a number of hours, 0 or more', `\`${value}\``, 'Run again with e.g. `--min-soak 24`.');
  return Number(value);
}

export async function run(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    process.stdout.write(`${HELP}\n`);
    return subcommand === undefined ? 2 : 0;
  }
  if (subcommand !== 'check') throw badInput('a subcommand of `parity promote` (check)', `\`${subcommand}\``, `Run \`npx ${USAGE}\`.`);
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      'min-soak': { type: 'string' },
      'database-url': { type: 'string' },
      'migrations-dir': { type: 'string' },
      tool: { type: 'string' },
      timeout: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw badInput('only options', `\`${positionals.join(' ')}\``, `Run \`npx ${USAGE}\`.`);
  if (!values.from || !values.to) throw badInput('`--from ENV` and `--to ENV`', `${values.from ? '' : 'no `--from`'}${!values.from && !values.to ? ', ' : ''}${values.to ? '' : 'no `--to`'}`, 'Run e.g. `npx parity promote check --from staging --to prod`.');
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const config = loadProjectConfig();
  const report = await runPromoteCheck({
    target: promoteTargetOf(config),
    checkout: (environments) => synthesizeFingerprints(config, environments),
    from: values.from,
    to: values.to,
    minSoakHours: parseSoak(values['min-soak']),
    deadlineMs: parseTimeout(values.timeout),
    ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}),
    ...(values['migrations-dir'] !== undefined ? { migrationsDir: values['migrations-dir'] } : {}),
    ...(values.tool !== undefined ? { tool: values.tool } : {}),
  });
  writeOutput(renderPromote(report, format), values.output);
  return promoteExitCode(report);
}
