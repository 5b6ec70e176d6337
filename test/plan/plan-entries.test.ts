/**
 * Plan entries at the boundary: the fast check and the zod schema accept exactly the same entries
 * (every entry of the fixture plans, and each way of being wrong), and each wrong entry is named.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { planEntryProblem, planEntrySchema } from '../../packages/parity/src/shared/plan/plan-entry-schema';
import { FIXTURES } from './support/fixtures';

const good = {
  address: 'aws_s3_bucket.b',
  mode: 'managed',
  type: 'aws_s3_bucket',
  name: 'b',
  index: 0,
  change: { actions: ['update'], before: {}, after: {}, replace_paths: [['tags', 0]] },
  action_reason: 'x',
};

const shapes: [string, unknown][] = [
  ['a full entry', good],
  ['a drift entry of Terraform 1.0.0 (no address)', { type: 'aws_s3_bucket', name: 'b', change: { actions: ['delete'] } }],
  ['null', null],
  ['a number', 42],
  ['a list', [good]],
  ['no change', { ...good, change: undefined }],
  ['change null', { ...good, change: null }],
  ['change a list', { ...good, change: [] }],
  ['actions a string', { ...good, change: { actions: 'update' } }],
  ['actions with a number', { ...good, change: { actions: ['update', 1] } }],
  ['no actions', { ...good, change: {} }],
  ['replace_paths a string', { ...good, change: { actions: ['update'], replace_paths: 'x' } }],
  ['replace_paths of strings', { ...good, change: { actions: ['update'], replace_paths: ['x'] } }],
  ['replace_paths with an object step', { ...good, change: { actions: ['update'], replace_paths: [[{}]] } }],
  ['address a number', { ...good, address: 1 }],
  ['mode unknown', { ...good, mode: 'ephemeral' }],
  ['index an object', { ...good, index: {} }],
  ['type null', { ...good, type: null }],
  ['action_reason a list', { ...good, action_reason: [] }],
  ['deposed a number', { ...good, deposed: 7 }],
];

const fixturePlans = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const fixtureEntries: [string, unknown][] = fixturePlans.flatMap((file) => {
  const plan = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { resource_changes?: unknown[]; resource_drift?: unknown[] };
  return [...(plan.resource_changes ?? []), ...(plan.resource_drift ?? [])].map((entry, i): [string, unknown] => [
    `${file} entry ${i}`,
    entry,
  ]);
});

test.each([...shapes, ...fixtureEntries])('%s: the fast check agrees with the schema', (_name, entry) => {
  expect(planEntryProblem(entry) === undefined).toBe(planEntrySchema.safeParse(entry).success);
});

test('every fixture entry is well formed', () => {
  expect(fixtureEntries.length).toBeGreaterThan(10);
  expect(fixtureEntries.filter(([, e]) => planEntryProblem(e) !== undefined).map(([n]) => n)).toEqual([]);
});

test.each([
  ['null', null, { expected: 'a resource change object (`{ "address": ..., "change": { "actions": [...] } }`)', found: '`null`' }],
  ['no change', { address: 'a.b' }, { expected: '`change` to be an object', found: 'nothing' }],
  [
    'actions a string',
    { change: { actions: 'update' } },
    { expected: '`change.actions` to be a list of strings such as `["update"]`', found: '`"update"`' },
  ],
  ['actions with a number', { change: { actions: [1] } }, { expected: '`change.actions[0]` to be a string', found: '`1`' }],
  [
    'replace_paths a string',
    { change: { actions: [], replace_paths: 'x' } },
    { expected: '`change.replace_paths` to be a list of attribute paths', found: '`"x"`' },
  ],
])('%s is named', (_name, entry, problem) => {
  expect(planEntryProblem(entry)).toEqual(problem);
});
