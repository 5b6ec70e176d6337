/** `--format text`: for a terminal; colour only when standard output is a terminal. */
import { renderEnvelopeText } from '../shared/report/render-text';
import type { TextStyle } from '../shared/report/style';
import { toEnvelope } from './plan-review-envelope';
import { actionWord, displayValue, findingCounts, orderedChanges } from './presentation';
import type { PlanChange, PlanReview } from './review-model';

function changeLines(changes: readonly PlanChange[], withExplanation: boolean): string[] {
  return changes.flatMap((c) => [
    `  ${actionWord(c).padEnd(8)} ${c.address}${withExplanation && c.previousAddress ? ` (was ${c.previousAddress})` : ''}${withExplanation && c.explanation ? `: ${c.explanation}` : ''}`,
    ...c.changedPaths.map((p) => `             ${p.path}: ${displayValue(p.before)} → ${displayValue(p.after)}`),
  ]);
}

function summaryLines(review: PlanReview, s: TextStyle): string[] {
  return Object.entries(review.environments).map(([name, env]) => {
    const n = env.summary;
    return `${s.bold(name)}: ${n.create} to create, ${n.update} to update, ${n.replace} to replace, ${n.delete} to delete, ${n.read} to read, ${n.noop} unchanged${n.other ? `, ${n.other} other` : ''}; ${env.drift.length} drifted (format ${env.formatVersion}${env.terraformVersion ? `, terraform ${env.terraformVersion}` : ''})`;
  });
}

function detailBlocks(review: PlanReview, s: TextStyle): string[][] {
  const blocks: string[][] = [];
  if (review.asymmetric.length > 0) blocks.push([s.bold('Asymmetric changes'), ...review.asymmetric.map((a) => `  ${a.change}: only in ${a.environments.join(', ')} (not in ${a.missingFrom.join(', ')})`)]);
  for (const [name, env] of Object.entries(review.environments)) {
    if (env.changes.length > 0) blocks.push([s.bold(`Changes in ${name}`), ...changeLines(orderedChanges(env.changes), true)]);
    if (env.drift.length > 0) blocks.push([s.bold(`Drift in ${name} (changed outside Terraform)`), ...changeLines(env.drift, false)]);
  }
  return blocks;
}

export function renderText(review: PlanReview, colour = false): string {
  const counts = findingCounts(review.findings);
  return renderEnvelopeText(
    toEnvelope(review),
    {
      headline: (s) => `${s.bold('Plan review')}\n${counts.blocking > 0 ? s.red(`${counts.blocking} blocking finding(s)`) : s.green('nothing blocks')}`,
      before: (s) => [summaryLines(review, s)],
      after: (s) => detailBlocks(review, s),
    },
    colour,
  );
}
