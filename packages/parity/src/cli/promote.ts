/**
 * `parity promote check --from ENV --to ENV [--target FILE --stacks DIR] [--min-soak HOURS] [--database-url URL]
 *  [--migrations-dir DIR] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--timeout SECONDS]
 *  [--format text|markdown|json] [--output FILE]`
 *
 * Exit codes: 0 promote, 1 refused (each reason with its fix), 2 bad input, 3 `--from` unreadable.
 */
import { defineCommand, parseCommand, parseFormat, type GroupSpec } from './args';
import { isHelpWord, renderGroupHelp } from './help';
import { currentProject, inProject, projectFeature } from './project';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, writeOutput } from '../shared/output';
import type * as TimeoutOption from '../drift/timeout-option';
import type { CheckoutFingerprints } from '../promote/checkout-fingerprints';
import type * as PromoteTargetFile from '../promote/promote-target-file';
import type * as StackFingerprints from '../promote/stack-fingerprints';
import type { PromoteReport } from '../promote/promote-report';
import type * as PromoteEnvelope from '../promote/promote-envelope';
import type * as RenderPromote from '../promote/render-promote';
import type * as RunPromoteCheck from '../promote/run-promote-check';
import type { PromoteTarget } from '../promote/run-promote-check';

export const USAGE =
  'parity promote check --from ENV --to ENV [--target FILE --stacks DIR] [--min-soak HOURS] [--database-url URL] ' +
  '[--migrations-dir DIR] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] ' +
  '[--timeout SECONDS] [--format text|markdown|json] [--output FILE]';
const FORMATS = ['text', 'markdown', 'json'] as const;

export const CHECK = defineCommand({
  name: 'promote check',
  summary: 'may prod get what staging runs (fingerprint, soak, migrations)',
  usage: USAGE,
  description: `Passes only when prod would get exactly what staging already runs:
  (a) staging's live platform fingerprint (/<app>/<env>/PLATFORM_FINGERPRINT, read with its
      read-only role) equals the fingerprint of what this checkout would apply to prod;
  (b) staging's fingerprint was written at least --min-soak hours ago (default 0);
  (c) with --database-url (staging's database), it has every migration of --migrations-dir.
The environments and this checkout's stacks come from the cdktf project's \`parity-project\` module
(\`promoteTarget()\`, \`checkoutFingerprints()\`), or, for any other cdktf app, from --target FILE
(schemas/promote-target.schema.json) with --stacks DIR (what \`cdktf synth\` wrote): given
together, they win over the project; one without the other is bad input.`,
  options: {
    from: { type: 'string', value: 'ENV', description: 'the environment that must already run the change (staging)' },
    to: { type: 'string', value: 'ENV', description: 'the environment about to get it (prod)' },
    target: {
      type: 'string',
      value: 'FILE',
      description:
        'the environments: region, account, read-only role, parity group, the fingerprint parameter; ' +
        'JSON or YAML (schemas/promote-target.schema.json); needs --stacks',
      default: "the project module's promoteTarget()",
    },
    stacks: {
      type: 'string',
      value: 'DIR',
      description: 'cdktf.out (or cdktf.out/stacks) holding the --from and --to stacks; needs --target',
      default: "the project module's checkoutFingerprints()",
    },
    'min-soak': { type: 'string', value: 'HOURS', description: 'how long staging must have run it', default: '0' },
    'database-url': { type: 'string', value: 'URL', description: "staging's database: check (c), that it has every migration" },
    'migrations-dir': { type: 'string', value: 'DIR', description: 'the migrations this checkout expects', default: 'migrations' },
    tool: {
      type: 'string',
      value: 'NAME',
      description: 'their tool: sql, node-pg-migrate, knex, goose, dbmate, golang-migrate, flyway',
      default: 'sql',
    },
    timeout: { type: 'string', value: 'SECONDS', description: 'total time for reading staging, retries included', default: '60' },
    format: { type: 'string', value: 'text|markdown|json', description: 'report format', default: 'text' },
    output: { type: 'string', value: 'FILE', description: 'write the report there instead of standard output' },
  },
  examples: [
    'parity promote check --from staging --to prod --min-soak 24',
    'parity promote check --from staging --to prod --database-url "$STAGING_DATABASE_URL" --format markdown --output promote.md',
    'parity promote check --from staging --to prod --target promote-target.json --stacks cdktf.out --min-soak 24',
  ],
  exitCodes: [
    [0, 'promote'],
    [1, 'refused (each reason with its fix)'],
    [2, 'bad input'],
    [3, 'staging unreadable'],
  ],
});

export const GROUP: GroupSpec = {
  name: 'promote',
  summary: 'may prod get what staging runs (fingerprint, soak, migrations)',
  subcommands: [CHECK],
  examples: ['parity promote check --from staging --to prod --min-soak 24'],
};

export function renderPromote(report: PromoteReport, format: (typeof FORMATS)[number]): string {
  // Loaded only once a command runs (`require`, not `import()`: tsx's CommonJS hook does not see dynamic imports).
  const { renderPromoteJson } = require('../promote/promote-envelope') as typeof PromoteEnvelope;
  const { renderPromoteMarkdown, renderPromoteText } = require('../promote/render-promote') as typeof RenderPromote;
  if (format === 'json') return renderPromoteJson(report);
  return format === 'markdown' ? renderPromoteMarkdown(report) : renderPromoteText(report);
}

function parseSoak(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+(\.\d+)?$/.test(value))
    throw badInput('`--min-soak` a number of hours, 0 or more', `\`${value}\``, 'Run again with e.g. `--min-soak 24`.');
  return Number(value);
}

export async function run(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (isHelpWord(subcommand)) {
    process.stdout.write(renderGroupHelp(GROUP));
    return ExitCode.ok;
  }
  if (subcommand === undefined)
    throw badInput(
      'a subcommand of `parity promote` (check)',
      'none',
      `Run \`npx ${USAGE}\`. \`parity promote check --help\` explains it.`,
    );
  if (subcommand !== 'check') throw badInput('a subcommand of `parity promote` (check)', `\`${subcommand}\``, `Run \`npx ${USAGE}\`.`);
  const parsed = parseCommand(CHECK, rest);
  if (parsed.help) return ExitCode.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw badInput('only options', `\`${positionals.join(' ')}\``, `Run \`npx ${USAGE}\`.`);
  if (!values.from || !values.to)
    throw badInput(
      '`--from ENV` and `--to ENV`',
      `${values.from ? '' : 'no `--from`'}${!values.from && !values.to ? ', ' : ''}${values.to ? '' : 'no `--to`'}`,
      'Run e.g. `npx parity promote check --from staging --to prod`.',
    );
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  // The engine loads only once the command runs, so `--help` costs what `parity --help` does; `require`, not
  // `import()`: tsx's CommonJS hook (bin/parity.cjs) does not see dynamic imports.
  const { parseTimeout } = require('../drift/timeout-option') as typeof TimeoutOption;
  const { promoteExitCode, runPromoteCheck } = require('../promote/run-promote-check') as typeof RunPromoteCheck;
  const report = await runPromoteCheck({
    ...promoteSource(values.target, values.stacks),
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

/** What promote compares: the environments and how to get this checkout's fingerprints of them. */
interface PromoteSource {
  readonly target: PromoteTarget;
  readonly checkout: (environments: readonly string[]) => CheckoutFingerprints;
}

/**
 * `--target` with `--stacks` (they win over the project, as `drift --target` and `check --stacks` do), else the
 * project module's. One of the two flags alone is bad input: half of it from files and half from the project could
 * compare stacks with environments they do not belong to.
 */
function promoteSource(targetFile: string | undefined, stacksDir: string | undefined): PromoteSource {
  if (targetFile !== undefined && stacksDir !== undefined) {
    const { loadPromoteTargetFile } = require('../promote/promote-target-file') as typeof PromoteTargetFile;
    const { stackFingerprints } = require('../promote/stack-fingerprints') as typeof StackFingerprints;
    const { target, stacks } = loadPromoteTargetFile(targetFile);
    const parameterOf = new Map(target.environments.map((e) => [e.name, e.fingerprintParameter]));
    return {
      target,
      checkout: (environments) =>
        stackFingerprints(
          stacksDir,
          environments.map((environment) => ({
            environment,
            stack: stacks.get(environment)!,
            fingerprintParameter: parameterOf.get(environment)!,
          })),
        ),
    };
  }
  if (targetFile !== undefined || stacksDir !== undefined)
    throw badInput(
      '`--target FILE` and `--stacks DIR` together (the environments, and the synthesized stacks that publish their fingerprints)',
      `only \`${targetFile !== undefined ? '--target' : '--stacks'}\``,
      `Pass both, e.g. \`--target promote-target.json --stacks cdktf.out\`, or neither inside a project whose \`parity-project\` ` +
        'module gives `promoteTarget()`.',
    );
  const promoteTarget = projectFeature(
    'parity promote check',
    'promoteTarget',
    process.cwd(),
    ' Or pass `--target FILE --stacks DIR`: the environments as JSON or YAML (schemas/promote-target.schema.json) and what ' +
      '`cdktf synth` wrote.',
  );
  const project = currentProject()!;
  return {
    target: inProject('read its environments', () => promoteTarget()),
    checkout: (environments) => {
      if (!project.checkoutFingerprints)
        throw badInput(
          'a project module whose `parityProject` gives `checkoutFingerprints()`',
          'none',
          "Add `checkoutFingerprints()` to the project's `parityProject`.",
        );
      return inProject('synthesize its stacks', () => project.checkoutFingerprints!(environments));
    },
  };
}
