/**
 * `parity drift [--target FILE] [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--timeout SECONDS]
 *   [--format text|markdown|json] [--output FILE]`
 *
 * Exit codes: 0 no drift, 1 drift found, 2 bad input, 3 a part of an environment could not be read.
 */
import { defineCommand, parseCommand, parseFormat, parseNamedValues } from './args';
import { inProject, projectFeature } from './project';
import type { DriftTarget } from '../drift/drift-environment';
import type * as DriftTargetFile from '../drift/drift-target-file';
import type * as TimeoutOption from '../drift/timeout-option';
import { badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import type * as DriftEnvelope from '../drift/drift-envelope';
import type { DriftReport } from '../drift/drift-report';
import type * as RenderDrift from '../drift/render-drift';
import type * as RunDrift from '../drift/run-drift';

const USAGE =
  'parity drift [--target FILE] [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--timeout SECONDS] ' +
  '[--format text|markdown|json] [--output FILE]';

const FORMATS = ['text', 'markdown', 'json'] as const;

export function renderDrift(report: DriftReport, format: (typeof FORMATS)[number], colour: boolean): string {
  // Loaded only once a command runs (`require`, not `import()`: tsx's CommonJS hook does not see dynamic imports).
  const { renderDriftJson } = require('../drift/drift-envelope') as typeof DriftEnvelope;
  const { renderDriftMarkdown, renderDriftText } = require('../drift/render-drift') as typeof RenderDrift;
  if (format === 'json') return renderDriftJson(report);
  if (format === 'markdown') return renderDriftMarkdown(report);
  return renderDriftText(report, colour);
}

export const COMMAND = defineCommand({
  name: 'drift',
  summary: 'compare live environments with each other and with the code',
  usage: USAGE,
  description:
    `Reads every environment's account with its read-only role and compares it with the code and ` +
    'with the other environments: SSM keys, types and String values (cross-environment references ' +
    'included; SecureStrings are never decrypted), RDS, ElastiCache and OpenSearch versions and ' +
    'layout, and refresh-only plan drift. Each part has its own status (ok, drift, unreadable). ' +
    'The environments come from `--target FILE` when given (it wins over the project), otherwise from ' +
    "the cdktf project's `parity-project` module (`driftTarget()`).",
  options: {
    target: {
      type: 'string',
      value: 'FILE',
      description:
        'the environments, accounts, resource names and declared values, as JSON or YAML (schemas/drift-target.schema.json); ' +
        'wins over the project module',
      default: "the project module's driftTarget()",
    },
    env: { type: 'string', value: 'NAME', multiple: true, description: 'an environment to check', default: 'all' },
    'refresh-only-plan': {
      type: 'string',
      value: 'NAME=FILE',
      multiple: true,
      description: 'JSON of a refresh-only plan (terraform show -json)',
    },
    timeout: { type: 'string', value: 'SECONDS', description: 'total time per environment, retries included', default: '60' },
    format: { type: 'string', value: 'text|markdown|json', description: 'report format', default: 'text' },
    output: { type: 'string', value: 'FILE', description: 'write the report there instead of standard output' },
  },
  colour: true,
  examples: [
    'parity drift',
    'parity drift --target drift-target.yaml --env prod --format json',
    'parity drift --env staging --env prod --refresh-only-plan staging=drift-staging.json --format markdown --output drift.md',
  ],
  exitCodes: [
    [0, 'no drift'],
    [1, 'drift'],
    [2, 'bad input'],
    [3, 'a part of an environment could not be read'],
  ],
});

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed.help) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `Run \`${USAGE}\`; environments go after \`--env\`.`);
  }
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  // The engine loads only once the command runs, so `--help` costs what `parity --help` does; `require`, not
  // `import()`: tsx's CommonJS hook (bin/parity.cjs) does not see dynamic imports.
  const { parseTimeout } = require('../drift/timeout-option') as typeof TimeoutOption;
  const { driftExitCode, runDrift } = require('../drift/run-drift') as typeof RunDrift;
  const deadlineMs = parseTimeout(values.timeout);
  const report = await runDrift({
    target: driftTargetFrom(values.target),
    deadlineMs,
    ...(values.env ? { environments: values.env } : {}),
    refreshOnlyPlans: parseNamedValues('refresh-only-plan', values['refresh-only-plan']),
  });
  writeOutput(renderDrift(report, format, useColour(values.output, values['no-color'])), values.output);
  return driftExitCode(report);
}

/** The target file when given (it wins over the project), else the project's; neither is bad input saying what to pass. */
function driftTargetFrom(file: string | undefined): DriftTarget {
  if (file !== undefined) return (require('../drift/drift-target-file') as typeof DriftTargetFile).loadDriftTargetFile(file);
  const driftTarget = projectFeature(
    'parity drift',
    'driftTarget',
    process.cwd(),
    ' Or pass `--target FILE`: the environments as JSON or YAML (schemas/drift-target.schema.json).',
  );
  return inProject('read its environments', () => driftTarget());
}
