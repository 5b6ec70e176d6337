/**
 * `parity plan review --plan staging=FILE --plan prod=FILE [--format text|markdown|json]
 * [--output FILE] [--waivers FILE]`: parses arguments only, then calls `reviewPlans` and a renderer.
 * Exit 0 when nothing blocks, 1 on a blocking finding, 2 on bad input.
 */
import { parseCommandArgs, parseFormat, parseNamedValues } from './args';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import { renderJson, renderMarkdown, renderText } from '../plan-review/render-review';
import { reviewPlans } from '../plan-review/review';
import { hasBlockingFinding, type PlanReview } from '../plan-review/review-model';

const USAGE = 'parity plan review --plan ENV=PLAN.json [--plan ENV=PLAN.json ...] [--format text|markdown|json] [--output FILE] [--waivers FILE]';
const FORMATS = ['text', 'markdown', 'json'] as const;

/** Renders a review in one of the formats. */
export function renderReview(review: PlanReview, format: (typeof FORMATS)[number], colour = false): string {
  if (format === 'json') return renderJson(review);
  if (format === 'markdown') return renderMarkdown(review);
  return renderText(review, colour);
}

export async function run(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'review') throw badInput('`parity plan review`', subcommand ? `\`parity plan ${subcommand}\`` : '`parity plan` with no subcommand', `Run \`${USAGE}\`.`);
  const { values, positionals } = parseCommandArgs(
    rest,
    { plan: { type: 'string', multiple: true }, format: { type: 'string' }, output: { type: 'string' }, waivers: { type: 'string' }, strict: { type: 'boolean' } },
    USAGE,
  );
  if (positionals.length > 0) throw badInput('only options', `\`${positionals[0]}\``, `Pass plan files as \`--plan staging=${positionals[0]}\`.`);
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const plans = [...parseNamedValues('plan', values.plan)].map(([environment, file]) => ({ environment, file }));
  const review = await reviewPlans({ plans, waiversFile: values.waivers, strict: values.strict });
  writeOutput(renderReview(review, format, useColour(values.output)), values.output);
  return hasBlockingFinding(review) ? ExitCode.findings : ExitCode.ok;
}
