/** `--format text`: for a terminal; colour only when standard output is a terminal. */
import { actionWord, displayValue, findingCounts, orderedChanges, orderedFindings } from './presentation';
import type { PlanReview } from './review-model';

const COLOURS = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;

export function renderText(review: PlanReview, colour = false): string {
  const paint = (name: keyof typeof COLOURS, text: string): string => (colour ? `\u001b[${COLOURS[name]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counts = findingCounts(review.findings);
  lines.push(paint('bold', 'Plan review'));
  lines.push(counts.blocking > 0 ? paint('red', `${counts.blocking} blocking finding(s)`) : paint('green', 'nothing blocks'));
  lines.push('');
  for (const [name, env] of Object.entries(review.environments)) {
    const s = env.summary;
    lines.push(`${paint('bold', name)}: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.read} to read, ${s.noop} unchanged${s.other ? `, ${s.other} other` : ''}; ${env.drift.length} drifted (format ${env.formatVersion}${env.terraformVersion ? `, terraform ${env.terraformVersion}` : ''})`);
  }
  const findings = orderedFindings(review);
  if (findings.length > 0) {
    lines.push('', paint('bold', 'Findings'));
    for (const f of findings) {
      const tag = f.waivedBy ? paint('dim', `waived ${f.level}`) : f.level === 'block' ? paint('red', 'BLOCK') : f.level === 'warn' ? paint('yellow', 'warn') : 'info';
      lines.push(`  ${tag} [${f.environment}] ${f.rule}: ${f.message}${f.waivedBy ? ` (waived by ${f.waivedBy.owner} until ${f.waivedBy.expires}: ${f.waivedBy.reason})` : ''}`);
    }
  }
  if (review.asymmetric.length > 0) {
    lines.push('', paint('bold', 'Asymmetric changes'));
    for (const a of review.asymmetric) lines.push(`  ${a.change}: only in ${a.environments.join(', ')} (not in ${a.missingFrom.join(', ')})`);
  }
  for (const [name, env] of Object.entries(review.environments)) {
    if (env.changes.length > 0) {
      lines.push('', paint('bold', `Changes in ${name}`));
      for (const c of orderedChanges(env.changes)) {
        lines.push(`  ${actionWord(c).padEnd(8)} ${c.address}${c.previousAddress ? ` (was ${c.previousAddress})` : ''}${c.explanation ? `: ${c.explanation}` : ''}`);
        for (const p of c.changedPaths) lines.push(`             ${p.path}: ${displayValue(p.before)} → ${displayValue(p.after)}`);
      }
    }
    if (env.drift.length > 0) {
      lines.push('', paint('bold', `Drift in ${name} (changed outside Terraform)`));
      for (const d of env.drift) {
        lines.push(`  ${actionWord(d).padEnd(8)} ${d.address}`);
        for (const p of d.changedPaths) lines.push(`             ${p.path}: ${displayValue(p.before)} → ${displayValue(p.after)}`);
      }
    }
  }
  return lines.join('\n');
}
