/** Picks the renderer for `--format`, and the exit code of a finished check. */
import { ExitCode } from '../../shared/exit-error';
import type { CheckReport } from '../check-report';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { renderText } from './render-text';

export const FORMATS = ['text', 'markdown', 'json', 'html'] as const;
export type ReportFormat = (typeof FORMATS)[number];

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
