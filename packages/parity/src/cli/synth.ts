/**
 * `npm run synth` (`parity synth`): synthesizes every environment of this project into
 * `cdktf.out/stacks/<env>/cdk.tf.json`, says where each stack was written, and prints the text
 * parity summary. Exit code as `parity check`.
 *
 *   parity synth [--outdir DIR] [--format text|markdown|json|html] [--output FILE]
 */
import { relative } from 'node:path';
import type * as CheckParity from '../parity/check-parity';
import type * as RenderReport from '../parity/render/render-report';
import { defineCommand, parseCommand, parseFormat } from './args';
import { PARITY_EXIT_CODES } from './check';
import { badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import { findCdktfProject, inProject, loadProjectModule } from './project';

const USAGE = 'parity synth [--outdir DIR] [--format text|markdown|json|html] [--output FILE]';

export const COMMAND = defineCommand({
  name: 'synth',
  summary: 'synthesize every environment and print the parity summary',
  usage: USAGE,
  description:
    'Synthesizes every environment of this cdktf project into <outdir>/stacks/<env>/cdk.tf.json, ' +
    'says on stderr where each stack was written, and prints the parity report of the synthesized ' +
    `app (as \`parity check\`). Run it inside this project (\`npm run synth\`).`,
  options: {
    outdir: { type: 'string', value: 'DIR', description: 'where the synthesized stacks go', default: 'cdktf.out' },
    format: { type: 'string', value: 'text|markdown|json|html', description: 'report format', default: 'text' },
    output: { type: 'string', value: 'FILE', description: 'write the report there (atomically) instead of standard output' },
  },
  colour: true,
  examples: ['parity synth', 'parity synth --outdir build/cdktf.out --format markdown --output parity.md'],
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
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const outdir = checkOutput(values.outdir ?? 'cdktf.out', '--outdir', true);
  const found = findCdktfProject();
  if (!found?.module) {
    throw badInput(
      '`parity synth` to run in a cdktf project with a `parity-project.ts` beside its cdktf.json (this repository)',
      found ? `the cdktf project ${found.root} without one` : `no cdktf.json in ${process.cwd()} or above`,
      'Synthesize with `npx cdktf synth`, then run `npx parity check --stacks cdktf.out/stacks`.',
    );
  }
  const project = loadProjectModule(found.module);
  const app = await inProject('synthesize it', () => project.synthesize(outdir));
  const shown = (file: string) => (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file));
  process.stderr.write(app.stacks.map((s) => `synthesized ${s.environment}: ${shown(s.file)}\n`).join(''));
  const report = await checkParityOf({
    source: {
      kind: 'project',
      policy: inProject('derive its parity policy', () => project.parityPolicy()),
      policyFrom: project.policyFrom,
      synthesized: app,
    },
  });
  writeOutput(renderReport(report, format, useColour(values.output, values['no-color'])), values.output);
  return exitCodeOf(report);
}
