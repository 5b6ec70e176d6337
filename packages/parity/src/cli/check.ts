/**
 * `parity check`: parses the arguments, runs the check, renders the report.
 *
 *   npx parity check [--policy FILE]
 *   npx parity check --stacks DIR [--policy FILE]
 *   npx parity check --hcl NAME=DIR --hcl NAME=DIR ... [--policy FILE]
 *   options: --format text|markdown|json|html, --output FILE, --group NAME, --strict
 */
import { parseCommandArgs, parseFormat, parseNamedValues } from './args';
import { badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import { type CheckSource, checkParityOf } from '../parity/check-parity';
import { FORMATS, exitCodeOf, renderReport } from '../parity/render/render-report';

export const USAGE = 'parity check [--stacks DIR | --hcl NAME=DIR --hcl NAME=DIR ...] [--policy FILE] [--format text|markdown|json|html] [--output FILE] [--group NAME] [--strict]';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      stacks: { type: 'string' },
      hcl: { type: 'string', multiple: true },
      policy: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      group: { type: 'string' },
      strict: { type: 'boolean' },
    },
    USAGE,
  );
  if (positionals.length > 0) throw badInput('only options', `\`${positionals.join(' ')}\``, `Run \`npx ${USAGE}\`.`);
  if (values.stacks !== undefined && values.hcl !== undefined) throw badInput('either `--stacks` or `--hcl`', 'both', 'Check the cdktf stacks and the HCL directories in two runs.');
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const source: CheckSource =
    values.stacks !== undefined ? { kind: 'stacks', directory: values.stacks } : values.hcl !== undefined ? { kind: 'hcl', directories: parseNamedValues('hcl', values.hcl) } : { kind: 'project' };
  const report = await checkParityOf({ source, policyFile: values.policy, group: values.group, strict: values.strict });
  writeOutput(renderReport(report, format, useColour(values.output)), values.output);
  return exitCodeOf(report);
}
