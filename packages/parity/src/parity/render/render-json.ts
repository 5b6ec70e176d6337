/** `--format json`: the report data as is (`schemaVersion: 1`). */
import type { CheckReport } from '../check-report';

export function renderJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2);
}
