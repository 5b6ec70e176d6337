/**
 * `parity drift [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--timeout SECONDS] [--format text|markdown|json] [--output FILE]`
 *
 * Exit codes: 0 no drift, 1 drift found, 2 bad input, 3 a part of an environment could not be read.
 */
import { loadProjectConfig } from '../../../../config';
import { parseCommandArgs, parseFormat, parseNamedValues } from './args';
import { driftTargetOf } from './drift-target';
import { parseTimeout } from '../drift/timeout-option';
import { badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import { renderDriftJson } from '../drift/drift-envelope';
import type { DriftReport } from '../drift/drift-report';
import { renderDriftMarkdown, renderDriftText } from '../drift/render-drift';
import { driftExitCode, runDrift } from '../drift/run-drift';

const USAGE = 'parity drift [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--timeout SECONDS] [--format text|markdown|json] [--output FILE]';

const HELP = `usage: ${USAGE}

Reads every environment's account with its read-only role and compares it with the code and with
the other environments: SSM keys, types and String values (cross-environment references
included; SecureStrings are never decrypted), RDS, ElastiCache and OpenSearch versions and layout,
and refresh-only plan drift. Each part has its own status (ok, drift, unreadable).

  --env NAME                   an environment to check (repeatable; default: all)
  --refresh-only-plan ENV=FILE  JSON of a refresh-only plan (terraform show -json)
  --timeout SECONDS            total time per environment, retries included (default 60)
  --format text|markdown|json  report format (default text)
  --output FILE                write the report there instead of standard output

Exit codes: 0 no drift, 1 drift, 2 bad input, 3 a part of an environment could not be read.`;
const FORMATS = ['text', 'markdown', 'json'] as const;

export function renderDrift(report: DriftReport, format: (typeof FORMATS)[number], colour: boolean): string {
  if (format === 'json') return renderDriftJson(report);
  if (format === 'markdown') return renderDriftMarkdown(report);
  return renderDriftText(report, colour);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      env: { type: 'string', multiple: true },
      'refresh-only-plan': { type: 'string', multiple: true },
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
  if (positionals.length > 0) {
    throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `Run \`${USAGE}\`; environments go after \`--env\`.`);
  }
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const deadlineMs = parseTimeout(values.timeout);
  const report = await runDrift({
    target: driftTargetOf(loadProjectConfig()),
    deadlineMs,
    ...(values.env ? { environments: values.env } : {}),
    refreshOnlyPlans: parseNamedValues('refresh-only-plan', values['refresh-only-plan']),
  });
  writeOutput(renderDrift(report, format, useColour(values.output)), values.output);
  return driftExitCode(report);
}
