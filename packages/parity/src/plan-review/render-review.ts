/**
 * The plan review for a terminal (`--format text`, colour only on a terminal), as one pull-request comment for
 * every environment (`--format markdown`: summary table, the shared findings as "Dangerous changes" with each
 * rule's why collapsed, waivers, asymmetric changes, per-environment details collapsed; cut to GitHub's
 * 65,535-character limit with a note naming what was cut), and as JSON (`--format json`: the shared envelope,
 * schemas/plan-review.schema.json, then the review's own fields; the review's findings keep their fields and the
 * deprecated `result` inside the envelope's `findings`, a waived one moved to `waived`).
 */
import { cell, collapsed, GITHUB_COMMENT_LIMIT, type MarkdownSection } from '../shared/report/markdown-budget';
import { renderEnvelopeJson } from '../shared/report/render-json';
import { renderEnvelopeMarkdown } from '../shared/report/render-markdown';
import { renderEnvelopeText } from '../shared/report/render-text';
import type { TextStyle } from '../shared/report/style';
import type { ChangedPath } from './changed-paths';
import { toEnvelope } from './plan-review-envelope';
import {
  actionWord,
  displayValue,
  findingCounts,
  incompleteEnvironments,
  incompleteWarning,
  orderedChanges,
  orderedOutputs,
  outputActionWord,
  outputCounts,
} from './presentation';
import type { EnvironmentReview, PlanChange, PlanReview } from './review-model';

function changeLines(changes: readonly PlanChange[], withExplanation: boolean): string[] {
  return changes.flatMap((c) => [
    `  ${actionWord(c).padEnd(8)} ${c.address}` +
      `${withExplanation && c.previousAddress ? ` (was ${c.previousAddress})` : ''}` +
      `${withExplanation && c.explanation ? `: ${c.explanation}` : ''}`,
    ...c.changedPaths.map((p) => `             ${p.path}: ${displayValue(p.before)} → ${displayValue(p.after)}`),
  ]);
}

function summaryLines(review: PlanReview, s: TextStyle): string[] {
  return Object.entries(review.environments).map(([name, env]) => {
    const n = env.summary;
    return (
      `${s.bold(name)}${env.complete ? '' : ` ${s.yellow('(incomplete plan)')}`}: ${n.create} to create, ` +
      `${n.update} to update, ${n.replace} to replace, ` +
      `${n.delete} to delete, ${n.read} to read, ${n.noop} unchanged` +
      `${n.other ? `, ${n.other} other` : ''}; ${env.drift.length} drifted` +
      `${env.outputs.length ? `; outputs: ${outputCounts(env.outputs)}` : ''} (format ` +
      `${env.formatVersion}${env.terraformVersion ? `, terraform ${env.terraformVersion}` : ''})`
    );
  });
}

function detailBlocks(review: PlanReview, s: TextStyle): string[][] {
  const blocks: string[][] = [];
  if (review.asymmetric.length > 0)
    blocks.push([
      s.bold('Asymmetric changes'),
      ...review.asymmetric.map((a) => `  ${a.change}: only in ${a.environments.join(', ')} (not in ${a.missingFrom.join(', ')})`),
    ]);
  for (const [name, env] of Object.entries(review.environments)) {
    if (env.changes.length > 0) blocks.push([s.bold(`Changes in ${name}`), ...changeLines(orderedChanges(env.changes), true)]);
    if (env.outputs.length > 0)
      blocks.push([
        s.bold(`Output changes in ${name}`),
        ...orderedOutputs(env.outputs).map((o) => `  ${outputActionWord(o).padEnd(8)} output.${o.name}`),
      ]);
    if (env.drift.length > 0) blocks.push([s.bold(`Drift in ${name} (changed outside Terraform)`), ...changeLines(env.drift, false)]);
  }
  return blocks;
}

export function renderText(review: PlanReview, colour = false): string {
  const counts = findingCounts(review.findings);
  return renderEnvelopeText(
    toEnvelope(review),
    {
      headline: (s) => {
        const incomplete = incompleteEnvironments(review);
        return (
          `${s.bold('Plan review')}\n${counts.blocking > 0 ? s.red(`${counts.blocking} blocking finding(s)`) : s.green('nothing blocks')}` +
          `${incomplete.length ? `\n${s.yellow(incompleteWarning(incomplete))}` : ''}`
        );
      },
      before: (s) => [summaryLines(review, s)],
      after: (s) => detailBlocks(review, s),
    },
    colour,
  );
}

/** The hidden marker the workflow finds its sticky comment by. */
export const COMMENT_MARKER = '<!-- parity-plan-review -->';

/** Rows per details section: a long environment is split so that what fits is still shown. */
const ROWS_PER_SECTION = 100;
/** Findings and asymmetric changes shown before "and N more". */
const MAX_LISTED = 150;

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function pathLine(p: ChangedPath): string {
  return `${code(p.path)}: ${code(displayValue(p.before, 80))} → ${code(displayValue(p.after, 80))}`;
}

function changeRow(c: PlanChange): string {
  const details = [
    c.previousAddress ? `moved from ${code(c.previousAddress)}` : '',
    c.explanation ?? '',
    ...c.changedPaths.slice(0, 20).map(pathLine),
    c.changedPaths.length > 20 ? `and ${c.changedPaths.length - 20} more paths` : '',
  ].filter(Boolean);
  return `| ${cell(code(c.address))} | ${actionWord(c)} | ${cell(details.join('<br>'))} |`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function more(total: number, shown: number): string {
  return total > shown ? `\n\n_and ${total - shown} more: run with \`--format json\` for all of them._` : '';
}

function head(review: PlanReview): MarkdownSection {
  const counts = findingCounts(review.findings);
  const status =
    counts.blocking > 0
      ? `:no_entry: **${counts.blocking} blocking finding(s).** Fix them or accept each one with a waiver (\`--waivers\`).`
      : ':white_check_mark: **Nothing blocks.**';
  const summaryRows = Object.entries(review.environments).map(([name, env]) => {
    const s = env.summary;
    const c = findingCounts(review.findings.filter((f) => f.environment === name));
    return (
      `| ${cell(name)}${env.complete ? '' : ' (incomplete)'} | ${s.create} | ${s.update} | ${s.replace} | ${s.delete} | ${s.read} | ` +
      `${s.noop} | ${env.outputs.length} | ${c.blocking} | ${c.warnings} | ${env.drift.length} |`
    );
  });
  const incomplete = incompleteEnvironments(review);
  const warning = incomplete.length ? [`> [!WARNING]\n> ${cell(incompleteWarning(incomplete))}`, ''] : [];
  const line =
    `${status}${counts.warnings ? ` ${counts.warnings} warning(s).` : ''}` +
    `${counts.waived ? ` ${counts.waived} waived.` : ''}` +
    `${review.asymmetric.length ? ` ${review.asymmetric.length} change(s) differ between environments.` : ''}`;
  const table = [
    '| environment | create | update | replace | delete | read | no-op | outputs | blocking | warnings | drifted |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...summaryRows,
  ];
  return { name: 'summary', body: [COMMENT_MARKER, '## Terraform plan review', '', ...warning, line, '', ...table].join('\n') };
}

function detailSections(review: PlanReview): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  if (review.asymmetric.length > 0) {
    const rows = review.asymmetric
      .slice(0, MAX_LISTED)
      .map((a) => `| ${cell(code(a.change))} | ${cell(a.environments.join(', '))} | ${cell(a.missingFrom.join(', '))} |`);
    const intro =
      'Environment names are normalized out (`{env}`). A change in one environment of a parity group ' +
      'and not the other is drift or an environment-specific edit.';
    sections.push({
      name: 'asymmetric changes',
      body:
        ['### Changes planned in one environment only', '', intro, '', '| change | planned in | not in |', '|---|---|---|', ...rows].join(
          '\n',
        ) + more(review.asymmetric.length, MAX_LISTED),
    });
  }
  for (const [name, env] of Object.entries(review.environments)) {
    const parts = chunks(orderedChanges(env.changes), ROWS_PER_SECTION);
    parts.forEach((part, i) => {
      const range =
        parts.length > 1
          ? ` (${i * ROWS_PER_SECTION + 1}-${i * ROWS_PER_SECTION + part.length} of ${env.changes.length})`
          : ` (${env.changes.length})`;
      sections.push({
        name: `changes in ${name}${parts.length > 1 ? ` part ${i + 1}` : ''}`,
        body: collapsed(
          `Changes in ${cell(name)}${range}`,
          ['| address | action | details |', '|---|---|---|', ...part.map(changeRow)].join('\n'),
        ),
      });
    });
    if (env.outputs.length > 0) sections.push(outputSection(name, env));
    if (env.drift.length > 0) {
      const rows =
        ['| address | action | details |', '|---|---|---|', ...env.drift.slice(0, ROWS_PER_SECTION).map(changeRow)].join('\n') +
        more(env.drift.length, ROWS_PER_SECTION);
      sections.push({
        name: `drift in ${name}`,
        body: collapsed(`Drift in ${cell(name)}: ${env.drift.length} resource(s) changed outside Terraform`, rows),
      });
    }
  }
  return sections;
}

/** The outputs of one environment that change: names and actions, never values. */
function outputSection(name: string, env: EnvironmentReview): MarkdownSection {
  const rows = orderedOutputs(env.outputs)
    .slice(0, ROWS_PER_SECTION)
    .map((o) => `| ${cell(code(`output.${o.name}`))} | ${outputActionWord(o)} |`);
  return {
    name: `outputs in ${name}`,
    body: collapsed(
      `Output changes in ${cell(name)}: ${outputCounts(env.outputs)}`,
      ['| output | action |', '|---|---|', ...rows].join('\n') + more(env.outputs.length, ROWS_PER_SECTION),
    ),
  };
}

export function renderMarkdown(review: PlanReview, limit = GITHUB_COMMENT_LIMIT): string {
  return renderEnvelopeMarkdown(
    toEnvelope(review),
    { head: head(review), after: detailSections(review), findings: { title: 'Dangerous changes', maxListed: MAX_LISTED } },
    limit,
  );
}

export function renderJson(review: PlanReview): string {
  const envelope = toEnvelope(review);
  const result = (unknown?: boolean) => (unknown ? 'unknown' : 'non-compliant');
  const { findings: _findings, waiverOutcome: _waivers, ...legacy } = review;
  return renderEnvelopeJson(
    {
      ...envelope,
      findings: envelope.findings.map((f) => ({ ...f, result: result(f.unknown) })),
      waived: envelope.waived.map((w) => ({ ...w, finding: { ...w.finding, result: result(w.finding.unknown) } })),
    },
    legacy,
  );
}
