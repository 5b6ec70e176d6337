/** Picks the renderer for `--format`, and the exit code of a finished check. */
import { ExitCode } from '../../shared/exit-error';
import { renderEnvelopeJson } from '../../shared/report/render-json';
import type { CheckReport } from '../check-report';
import { toEnvelope } from '../check-envelope';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderText } from './render-text';

export const FORMATS = ['text', 'markdown', 'json', 'html'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** `--format json`: the envelope (schemas/check.schema.json), then the report's own fields, kept for one version. */
export function renderJson(report: CheckReport): string {
  const { status: _status, expiredWaivers: _expired, unusedWaivers: _unused, ...legacy } = report;
  return renderEnvelopeJson(toEnvelope(report), legacy);
}

export function renderReport(report: CheckReport, format: ReportFormat, colour: boolean): string {
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report);
  if (format === 'html') return renderHtml(report);
  return renderText(report, { colour });
}

/** 0 when parity holds, 1 when the check found something. */
export function exitCodeOf(report: CheckReport): number {
  return report.status === 'pass' ? ExitCode.ok : ExitCode.findings;
}
