/**
 * `parity check`: parses the arguments, runs the check, renders the report.
 *
 *   npx parity check [--policy FILE]
 *   npx parity check --stacks DIR [--policy FILE]
 *   npx parity check --hcl NAME=DIR --hcl NAME=DIR ... [--policy FILE]
 *   options: --format text|markdown|json|html, --output FILE, --group NAME, --strict
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, parseCommand, parseFormat, parseNamedValues } from './args';
import { badInput } from '../shared/exit-error';
import { findCdktfProject, inProject, loadProjectModule } from './project';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import type * as CheckParity from '../parity/check-parity';
import type { CheckSource } from '../parity/check-parity';
import type * as RenderReport from '../parity/render/render-report';

export const USAGE =
  'parity check [--stacks DIR | --hcl NAME=DIR --hcl NAME=DIR ...] [--policy FILE] [--format ' +
  'text|markdown|json|html] [--output FILE] [--group NAME] [--strict]';

/** The exit codes of a parity report, `check`'s and `synth`'s alike. */
export const PARITY_EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'parity holds'],
  [1, 'differences found or an expired waiver'],
  [2, 'bad input'],
];

export const COMMAND = defineCommand({
  name: 'check',
  summary: 'report every difference between environments of a parity group',
  usage: USAGE,
  description:
    `Shows every way one environment's Terraform differs from another's in the same parity group, ` +
    `and why each allowed difference is allowed. Reads this project's cdktf app (synthesized), the ` +
    'cdktf.out of any cdktf app (--stacks), or plain Terraform with one HCL directory per ' +
    'environment (--hcl).',
  options: {
    stacks: {
      type: 'string',
      value: 'DIR',
      description: 'a cdktf.out/stacks directory (one <env>/cdk.tf.json per environment) instead of synthesizing this app',
    },
    hcl: {
      type: 'string',
      value: 'NAME=DIR',
      multiple: true,
      description: 'an environment as a directory of .tf/.tf.json files (at least two)',
    },
    policy: {
      type: 'string',
      value: 'FILE',
      description: 'parity policy (JSON or YAML): groups, scale knobs, topology, waivers',
      default: "this project's config/, when run inside it",
    },
    format: { type: 'string', value: 'text|markdown|json|html', description: 'report format', default: 'text' },
    output: { type: 'string', value: 'FILE', description: 'write the report there (atomically) instead of standard output' },
    group: { type: 'string', value: 'NAME', description: 'check only this parity group', default: 'every group' },
    strict: { type: 'boolean', description: 'a waiver that matches nothing fails the check' },
  },
  colour: true,
  examples: [
    'parity check',
    'parity check --stacks cdktf.out/stacks',
    'parity check --hcl staging=envs/staging --hcl prod=envs/prod --policy parity.yaml --format markdown --output parity.md',
  ],
  exitCodes: PARITY_EXIT_CODES,
});

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed.help) return 0;
  // The engine loads only once the command runs, so `--help` costs what `parity --help` does; `require`, not
  // `import()`: tsx's CommonJS hook (bin/parity.cjs) does not see dynamic imports.
  const { checkParityOf } = require('../parity/check-parity') as typeof CheckParity;
  const { FORMATS, exitCodeOf, renderReport } = require('../parity/render/render-report') as typeof RenderReport;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw badInput('only options', `\`${positionals.join(' ')}\``, `Run \`npx ${USAGE}\`.`);
  if (values.stacks !== undefined && values.hcl !== undefined)
    throw badInput('either `--stacks` or `--hcl`', 'both', 'Check the cdktf stacks and the HCL directories in two runs.');
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const source: CheckSource =
    values.stacks !== undefined
      ? { kind: 'stacks', directory: values.stacks }
      : values.hcl !== undefined
        ? { kind: 'hcl', directories: parseNamedValues('hcl', values.hcl) }
        : projectSource();
  const report = await checkParityOf({ source, policyFile: values.policy, group: values.group, strict: values.strict });
  writeOutput(renderReport(report, format, useColour(values.output, values['no-color'])), values.output);
  return exitCodeOf(report);
}

/**
 * `check` with no input: the cdktf project the working directory is in. One with a project module
 * (this repository) is synthesized with its own policy; any other is checked from the stacks
 * `cdktf synth` wrote. Outside a cdktf project there is nothing to check: bad input.
 */
export function projectSource(cwd: string = process.cwd()): CheckSource {
  const found = findCdktfProject(cwd);
  if (!found) {
    throw badInput(
      '`--hcl NAME=DIR` (twice or more) or `--stacks DIR`, or a cdktf project (a `cdktf.json` here or above)',
      `none in ${cwd}`,
      'Run e.g. `npx parity check --hcl staging=envs/staging --hcl prod=envs/prod`.',
    );
  }
  if (!found.module) {
    const stacks = join(found.outdir, 'stacks');
    if (!existsSync(stacks)) {
      throw badInput(
        `the synthesized stacks of the cdktf project ${found.root} (${stacks})`,
        'none',
        'Run `npx cdktf synth` first, or pass `--stacks DIR` or `--hcl NAME=DIR`.',
      );
    }
    return { kind: 'stacks', directory: stacks };
  }
  const project = loadProjectModule(found.module);
  return {
    kind: 'project',
    policy: inProject('derive its parity policy', () => project.parityPolicy()),
    policyFrom: project.policyFrom,
    synthesize: (outdir) => inProject('synthesize it', () => project.synthesize(outdir)),
  };
}
