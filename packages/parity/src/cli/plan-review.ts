/**
 * `parity plan review --plan staging=FILE --plan prod=FILE [--format text|markdown|json]
 * [--output FILE] [--waivers FILE] [--strict] [--allow-incomplete]`: parses arguments only, then calls `reviewPlans` and a renderer.
 * Exit 0 when nothing blocks, 1 on a blocking finding, 2 on bad input.
 */
import { defineCommand, parseCommand, parseFormat, parseNamedValues, type GroupSpec } from './args';
import { isHelpWord, renderGroupHelp } from './help';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import type * as RenderReviewModule from '../plan-review/render-review';
import type * as Review from '../plan-review/review';
import type { ReviewEnvironments } from '../plan-review/review';
import type { Waiver } from '../shared/waivers/waiver';
import type * as PolicyFileModule from '../parity/policy/policy-file';
import { currentProject } from './project';
import { hasBlockingFinding, type PlanReview } from '../plan-review/review-model';

// Engines load only once a command runs (`require`, not `import()`: tsx's CommonJS hook, bin/parity.cjs, does not see
// dynamic imports), so `--help` costs what `parity --help` does.
const renderers = () => require('../plan-review/render-review') as typeof RenderReviewModule;

const USAGE =
  'parity plan review --plan ENV=PLAN.json [--plan ENV=PLAN.json ...] [--format text|markdown|json] [--output FILE] [--waivers FILE]';
const FORMATS = ['text', 'markdown', 'json'] as const;

/** Renders a review in one of the formats. */
export function renderReview(review: PlanReview, format: (typeof FORMATS)[number], colour = false): string {
  const { renderJson, renderMarkdown, renderText } = renderers();
  if (format === 'json') return renderJson(review);
  if (format === 'markdown') return renderMarkdown(review);
  return renderText(review, colour);
}

export const REVIEW = defineCommand({
  name: 'plan review',
  summary: 'review terraform plans of several environments for a pull request',
  usage: USAGE,
  description:
    `Reads the JSON plan of each environment (\`terraform show -json PLANFILE\`) and reports, per ` +
    'environment, what would be created, updated, replaced or destroyed; a change that loses data ' +
    'or takes an outage (a replaced database, an engine major upgrade, a destroyed bucket...) is a ' +
    'blocking finding unless a waiver covers it.',
  options: {
    plan: {
      type: 'string',
      value: 'ENV=PLAN.json',
      multiple: true,
      description: 'an environment and its plan JSON (terraform show -json PLANFILE > PLAN.json)',
    },
    format: {
      type: 'string',
      value: 'text|markdown|json',
      description: 'report format (markdown for a pull-request comment)',
      default: 'text',
    },
    output: { type: 'string', value: 'FILE', description: 'write the report there (atomically) instead of standard output' },
    waivers: {
      type: 'string',
      value: 'FILE',
      description: 'waivers (YAML) for blocking findings: address, rule, reason, owner, expires',
      default: 'none',
    },
    strict: { type: 'boolean', description: 'a waiver that matches no finding fails the review (by default it is a warning)' },
    'allow-incomplete': {
      type: 'boolean',
      description:
        'review a plan Terraform marked `complete: false` (-target, deferred changes) instead of refusing it (exit 2); ' +
        'the report names it as incomplete',
    },
    policy: {
      type: 'string',
      value: 'FILE',
      description:
        'a parity policy (JSON or YAML): the parity groups the plans are held to, and waivers; outside ' +
        'a cdktf project without it every plan is in one group',
    },
  },
  colour: true,
  examples: [
    'parity plan review --plan staging=staging.json --plan prod=prod.json',
    'parity plan review --plan staging=staging.json --plan prod=prod.json --format markdown --output review.md --waivers waivers.yml',
  ],
  exitCodes: [
    [0, 'nothing blocks'],
    [1, 'a blocking finding (not waived)'],
    [2, 'bad input (an incomplete plan too, without --allow-incomplete)'],
  ],
});

export const GROUP: GroupSpec = {
  name: 'plan',
  summary: 'review terraform plans of several environments for a pull request',
  subcommands: [REVIEW],
  examples: ['parity plan review --plan staging=staging.json --plan prod=prod.json --format markdown'],
};

export async function run(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (isHelpWord(subcommand)) {
    process.stdout.write(renderGroupHelp(GROUP));
    return ExitCode.ok;
  }
  if (subcommand !== 'review')
    throw badInput(
      '`parity plan review`',
      subcommand ? `\`parity plan ${subcommand}\`` : '`parity plan` with no subcommand',
      `Run \`${USAGE}\`.`,
    );
  const parsed = parseCommand(REVIEW, rest);
  if (parsed.help) return ExitCode.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 0)
    throw badInput('only options', `\`${positionals[0]}\``, `Pass plan files as \`--plan staging=${positionals[0]}\`.`);
  const format = parseFormat(values.format, FORMATS, 'text');
  checkOutput(values.output);
  const plans = [...parseNamedValues('plan', values.plan)].map(([environment, file]) => ({ environment, file }));
  const { environments, waivers } = reviewEnvironments(values.policy);
  const { reviewPlans } = require('../plan-review/review') as typeof Review;
  const review = await reviewPlans({
    plans,
    waiversFile: values.waivers,
    waivers,
    environments,
    strict: values.strict,
    allowIncomplete: values['allow-incomplete'],
  });
  writeOutput(renderReview(review, format, useColour(values.output, values['no-color'])), values.output);
  return hasBlockingFinding(review) ? ExitCode.findings : ExitCode.ok;
}

/**
 * The environments a review holds plans to: a policy file's groups (and waivers) when given; inside
 * a project, its declared environments and their groups; otherwise any names, in one group.
 */
export function reviewEnvironments(
  policyFile: string | undefined,
  cwd: string = process.cwd(),
): { environments: ReviewEnvironments; waivers: readonly Waiver[] } {
  const policy =
    policyFile === undefined ? undefined : (require('../parity/policy/policy-file') as typeof PolicyFileModule).loadPolicyFile(policyFile);
  const project = currentProject(cwd);
  const projectGroups =
    project &&
    [...new Set(project.environments.map((e) => e.parityGroup))].map((name) => ({
      name,
      environments: project.environments.filter((e) => e.parityGroup === name).map((e) => e.name),
    }));
  const groups = policy?.groups ?? projectGroups;
  return {
    environments: {
      ...(groups ? { groups } : {}),
      ...(project ? { declared: { names: project.environments.map((e) => e.name), from: project.environmentsFrom } } : {}),
    },
    waivers: policy?.waivers ?? [],
  };
}
