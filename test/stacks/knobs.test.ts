/**
 * Knobs are declared once, at the construct (constructs/knobs.ts), and the parity policy is derived
 * from them (stacks/parity-policy.ts): every attribute that differs between the app's environments
 * is declared, every declaration is load-bearing, and none names an attribute that no longer exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig } from '../../config';
import { PLATFORM_KNOBS } from '../../constructs/environment-platform';
import { bindKnobs, scale, topology, type KnobBinding } from '../../constructs/knobs';
import { STACK_KNOBS } from '../../stacks/stack-knobs';
import { declaredKnobs, projectParityPolicy } from '../../stacks/parity-policy';
import { loadSynthesizedApp } from '../../packages/parity/src/parity/stacks/synthesize-project';
import { synthesizeProject } from '../support/this-project';
import { compilePattern, patternMatches } from '../../packages/parity/src/parity/attribute-pattern';
import type { EnvironmentModel } from '../../packages/parity/src/parity/environment-model';
import { checkParity } from '../../packages/parity/src/parity/parity-engine';

const config = loadProjectConfig();
let outdir: string;
let models: EnvironmentModel[];

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'parity-knobs-'));
  const groupOf = new Map(config.environments.map((e) => [e.name, e.parityGroup] as const));
  models = loadSynthesizedApp(await synthesizeProject(outdir), { keepWords: [...new Set(groupOf.values())], groupOf });
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Every difference the policy does not allow, as `address path` lines. */
function undeclared(bindings: readonly KnobBinding[]): string[] {
  const knobs = declaredKnobs(bindings);
  const patterns = (kind: string) => knobs.filter((k) => k.kind === kind).map(({ pattern, why }) => ({ pattern, why }));
  const result = checkParity(models, {
    groups: projectParityPolicy(config).groups,
    scaleKnobs: patterns('scale'),
    topology: patterns('topology'),
  });
  return result.groups.flatMap((g) => [
    ...g.differences.map((d) => `${g.name}: ${d.address} ${d.path}`),
    ...g.onlyIn.map((o) => `${g.name}: ${o.address}`),
  ]);
}

test('every attribute that differs between the environments of the app is a declared knob', () => {
  expect(undeclared([STACK_KNOBS, ...PLATFORM_KNOBS])).toEqual([]);
});

test('an attribute whose knob is not declared fails the check, named by address and path', () => {
  const withoutInstanceClass = PLATFORM_KNOBS.map((b) =>
    b.construct === 'Database'
      ? { ...b, declarations: Object.fromEntries(Object.entries(b.declarations).filter(([prop]) => prop !== 'instanceClass')) }
      : b,
  );
  expect(undeclared([STACK_KNOBS, ...withoutInstanceClass])).toEqual(['production: aws_db_instance.database instance_class']);
});

test('every declared attribute exists in the synthesized JSON of some environment (no stale declaration)', () => {
  const stale = declaredKnobs().filter((knob) => {
    const compiled = compilePattern(knob.pattern);
    return !models.some((m) =>
      [...m.resources].some(
        ([address, attributes]) =>
          patternMatches(compiled, address) || [...attributes.keys()].some((path) => patternMatches(compiled, address, path)),
      ),
    );
  });
  expect(stale.map((k) => `${k.prop}: ${k.pattern}`)).toEqual([]);
});

test('each knob names the config field it comes from; topology comes from config/topology.ts only', () => {
  for (const knob of declaredKnobs()) {
    expect(knob.sources.length).toBeGreaterThan(0);
    expect(knob.sources.every((s) => s.startsWith('topology.'))).toBe(knob.kind === 'topology');
  }
  expect(declaredKnobs().find((k) => k.pattern === 'aws_db_instance.*.instance_class')).toMatchObject({
    prop: 'Database.instanceClass',
    kind: 'scale',
    why: '`scale.database.instanceClass`',
  });
  // One attribute set by two constructs' props is declared once, naming both.
  expect(declaredKnobs().filter((k) => k.pattern === 'aws_cloudwatch_log_group.*.retention_in_days')).toEqual([
    expect.objectContaining({
      prop: 'Database.logRetentionDays, Search.logRetentionDays',
      why: '`scale.database.logRetentionDays`, `scale.search.logRetentionDays`',
    }),
  ]);
});

test('a knob bound to the wrong layer, or a scale knob from topology, is refused with what to change', () => {
  expect(() =>
    declaredKnobs([
      bindKnobs(
        'Widget',
        { size: topology('aws_x.*.size'), zones: scale('aws_x.*.zones') },
        { size: 'scale.widget.size', zones: 'topology.availabilityZones' },
      ),
    ]),
  ).toThrow(
    'knob declarations:\n  - `Widget.size` is topology but comes from scale.widget.size: topology comes from config/topology.ts ' +
      '(`topology.`)\n  - `Widget.zones` is a scale knob but comes from topology.availabilityZones: declare it as topology',
  );
});
