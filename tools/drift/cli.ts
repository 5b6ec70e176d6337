/**
 * `parity drift [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--format text|markdown|json] [--output FILE]`
 *
 * Exit codes: 0 no drift, 1 drift found, 2 bad input, 3 an environment could not be read.
 */
import { parseCommandArgs, parseFormat, parseNamedValues } from '../cli/args';
import { badInput } from '../cli/exit-error';
import { checkOutput, useColour, writeOutput } from '../cli/output';
import type { DriftReport } from './drift-report';
import { renderDriftMarkdown } from './render-drift-markdown';
import { renderDriftText } from './render-drift-text';
import { driftExitCode, runDrift } from './run-drift';

const USAGE = 'parity drift [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--format text|markdown|json] [--output FILE]';
const FORMATS = ['text', 'markdown', 'json'] as const;

export function renderDrift(report: DriftReport, format: (typeof FORMATS)[number], colour: boolean): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'markdown') return renderDriftMarkdown(report);
  return renderDriftText(report, colour);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      env: { type: 'string', multiple: true },
      'refresh-only-plan': { type: 'string', multiple: true },
      format: { type: 'string' },
      output: { type: 'string' },
    },
    USAGE,
  );
  if (positionals.length > 0) {
    throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `Run \`${USAGE}\`; environments go after \`--env\`.`);
  }
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const report = await runDrift({
    ...(values.env ? { environments: values.env } : {}),
    refreshOnlyPlans: parseNamedValues('refresh-only-plan', values['refresh-only-plan']),
  });
  writeOutput(renderDrift(report, format, useColour(values.output)), values.output);
  return driftExitCode(report);
}
