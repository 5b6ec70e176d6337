/**
 * The published JSON Schemas (packages/parity/schemas/, draft 2020-12) loaded into Ajv in strict mode, and an
 * assertion that names every violation (path, keyword, message) so a failing report says what is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import type { EngineId } from '../../../packages/parity/src/shared/findings/finding';

export const SCHEMA_DIR = join(__dirname, '..', '..', '..', 'packages', 'parity', 'schemas');
export const SCHEMA_BASE = 'https://unpkg.com/@env-parity/parity/schemas/';

/** The engines with a `--format json` report (`config` is the configuration's own validations: no report). */
export type ReportEngine = Exclude<EngineId, 'config'>;

/** The schema file of each engine's `--format json` report. */
export const ENGINE_SCHEMAS: Readonly<Record<ReportEngine, string>> = {
  check: 'check.schema.json',
  'plan-review': 'plan-review.schema.json',
  drift: 'drift.schema.json',
  migrations: 'migrations.schema.json',
  data: 'data.schema.json',
  promote: 'promote.schema.json',
};

/** The schemas of input files (not reports): `parity drift --target FILE`, `parity promote check --target FILE`. */
export const INPUT_SCHEMAS: readonly string[] = ['drift-target.schema.json', 'promote-target.schema.json'];

export function schemaFiles(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
}

export function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
}

let ajv: Ajv2020 | undefined;

export function validator(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
    for (const file of schemaFiles()) ajv.addSchema(readSchema(file));
  }
  return ajv;
}

/** The violations of `report` against the engine's schema, one line each; empty when it is valid. */
export function violations(engine: ReportEngine, report: unknown): string[] {
  const validate = validator().getSchema(SCHEMA_BASE + ENGINE_SCHEMAS[engine]);
  if (!validate) throw new Error(`no schema ${ENGINE_SCHEMAS[engine]} in ${SCHEMA_DIR}`);
  if (validate(report)) return [];
  // The envelope's and the engine's schema both check a finding: a violation is named once.
  const line = (e: ErrorObject) => {
    const property = 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : '';
    return `${e.instancePath || '/'} ${e.keyword}: ${e.message}${property}`;
  };
  return [...new Set((validate.errors ?? []).map(line))];
}

/** Parses a `--format json` output and expects it valid against its engine's schema. */
export function expectValidReport(engine: ReportEngine, json: string): Record<string, unknown> {
  const report = JSON.parse(json) as Record<string, unknown>;
  expect(violations(engine, report)).toEqual([]);
  expect(report.engine).toBe(engine);
  return report;
}
