/** The published schemas themselves: each compiles in strict mode, names itself, and says which fields are deprecated. */
import { REPORT_SCHEMA_VERSION } from '../../packages/parity/src/shared/findings/finding';
import { ENGINE_SCHEMAS, INPUT_SCHEMAS, SCHEMA_BASE, readSchema, schemaFiles, validator, violations } from './support/schemas';

test('one schema per engine, the shared envelope and the input files, nothing else', () => {
  expect(schemaFiles()).toEqual(['envelope.schema.json', ...Object.values(ENGINE_SCHEMAS), ...INPUT_SCHEMAS].sort());
});

test.each(schemaFiles())('%s: draft 2020-12, its $id, a title and a description', (file) => {
  const schema = readSchema(file);
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(schema.$id).toBe(SCHEMA_BASE + file);
  expect(typeof schema.title).toBe('string');
  expect(String(schema.description).length).toBeGreaterThan(40);
  expect(() => validator().getSchema(String(schema.$id))).not.toThrow();
});

test.each(Object.entries(ENGINE_SCHEMAS))('%s: closes the envelope and names the deprecated fields', (engine, file) => {
  const schema = readSchema(file);
  expect(schema.unevaluatedProperties).toBe(false);
  expect(schema.allOf).toEqual([{ $ref: 'envelope.schema.json#/$defs/envelope' }]);
  expect(schema.properties).toMatchObject({ engine: { const: engine } });
  expect(String(schema.description)).toMatch(/deprecated and go in the next major version/);
});

test('the envelope version is the one the code writes', () => {
  const envelope = readSchema('envelope.schema.json') as { $defs: { envelope: { properties: { schemaVersion: { const: number } } } } };
  expect(envelope.$defs.envelope.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
});

describe('a report that breaks the contract is refused, saying where', () => {
  const base = {
    schemaVersion: 2,
    tool: { name: '@env-parity/parity', version: '0.1.0' },
    engine: 'promote',
    status: 'fail',
    waived: [],
    unusedWaivers: [],
    expiredWaivers: [],
  };
  const promote = {
    from: 'staging',
    to: 'prod',
    decision: 'refused',
    checks: {
      fingerprint: { status: 'fail', detail: 'x' },
      soak: { status: 'pass', detail: 'y' },
      migrations: { status: 'not-checked', detail: 'z' },
    },
    fingerprints: { expected: 'a', checkoutFrom: 'a', live: null },
    minSoakHours: 0,
    checkedAt: '2026-12-01T00:00:00Z',
    calls: {},
    totals: { operations: 0, requests: 0, retries: 0 },
  };
  const finding = { engine: 'promote', rule: 'fingerprint', level: 'block', message: 'differs' };

  test('a finding without its why', () => {
    expect(violations('promote', { ...base, findings: [finding], ...promote })).toEqual([
      "/findings/0 required: must have required property 'why'",
    ]);
  });

  test('a field the schema does not know', () => {
    expect(violations('promote', { ...base, findings: [{ ...finding, why: 'because', severity: 'high' }], ...promote })).toEqual([
      '/findings/0 unevaluatedProperties: must NOT have unevaluated properties (severity)',
    ]);
  });

  test('the old schemaVersion', () => {
    expect(violations('promote', { ...base, schemaVersion: 1, findings: [], ...promote })).toEqual([
      '/schemaVersion const: must be equal to constant',
    ]);
  });
});
