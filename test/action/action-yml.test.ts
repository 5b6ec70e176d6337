/**
 * action.yml: a valid composite action (the real @action-validator/core), its inputs, the pinned
 * package it installs by default, and the order that makes a blocked command still comment:
 * run (keeps the code) → comment (always) → exit with the code (always).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateAction } from '@action-validator/core';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const source = readFileSync(join(ROOT, 'action.yml'), 'utf8');
interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(source) as {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const step = (id: string) => steps.find((s) => s.id === id)!;

test('passes the action validator', () => {
  expect(validateAction(source).errors).toEqual([]);
});

test('the validator rejects an action with a misspelled key', () => {
  expect(validateAction('name: x\ndescription: y\nruns:\n  using: composite\n  stepz: []\n').errors.length).toBeGreaterThan(0);
});

test('a composite action with the inputs a workflow needs, each with a default but the command', () => {
  expect(action.runs.using).toBe('composite');
  expect(Object.keys(action.inputs)).toEqual([
    'command',
    'arguments',
    'comment',
    'comment-id',
    'pull-request',
    'package',
    'working-directory',
    'report',
    'summary',
    'allowed-exit-codes',
    'timeout',
    'node-version',
    'github-token',
  ]);
  expect(action.inputs.command).toMatchObject({ required: true });
  expect(
    Object.entries(action.inputs)
      .filter(([, i]) => i.default === undefined)
      .map(([name]) => name),
  ).toEqual(['command']);
  expect(action.inputs.comment!.default).toBe('true');
  expect(action.inputs['github-token']!.default).toBe('${{ github.token }}');
  expect(action.inputs['allowed-exit-codes']!.default).toBe('0');
  expect(Object.keys(action.outputs)).toEqual(['exit-code', 'report', 'comment-url']);
});

test('installs the package pinned to the version this action is released with', () => {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'packages', 'parity', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  expect(name).toBe('@env-parity/parity');
  expect(action.inputs.package!.default).toBe(`@env-parity/parity@${version}`);
  expect(step('install').env).toEqual({ PARITY_PACKAGE: '${{ inputs.package }}' });
});

test('runs the scripts shipped beside action.yml, each of which exists', () => {
  for (const s of steps.filter((s) => s.run)) {
    expect(s.shell).toBe('bash');
    const script = /^node "\$GITHUB_ACTION_PATH\/(action\/[a-z-]+\.cjs)"$/.exec(s.run!)?.[1];
    expect(script).toBeDefined();
    expect(existsSync(join(ROOT, script!))).toBe(true);
  }
});

test('run, then comment and exit even when the command failed: the comment is posted, then the code fails the step', () => {
  expect(steps.map((s) => s.id ?? s.name)).toEqual(['set up Node', 'install', 'run', 'comment', "exit with the command's code"]);
  expect(step('run').env!.PARITY_BIN).toBe('${{ steps.install.outputs.bin }}');
  expect(step('comment').if).toBe("always() && inputs.comment == 'true' && steps.run.outputs.reporting == 'true'");
  expect(step('comment').env).toMatchObject({
    GITHUB_TOKEN: '${{ inputs.github-token }}',
    PARITY_EXIT_CODE: '${{ steps.run.outputs.exit-code }}',
    PARITY_REPORT: '${{ steps.run.outputs.report }}',
  });
  const finish = steps.at(-1)!;
  expect(finish.if).toBe("always() && steps.run.outputs.exit-code != ''");
  expect(finish.env).toEqual({
    PARITY_COMMAND: '${{ inputs.command }}',
    PARITY_EXIT_CODE: '${{ steps.run.outputs.exit-code }}',
    PARITY_ALLOWED_EXIT_CODES: '${{ inputs.allowed-exit-codes }}',
  });
});

test('inputs reach the scripts through env, never pasted into a script (no injection through `arguments`)', () => {
  for (const s of steps.filter((s) => s.run)) expect(s.run).not.toContain('${{');
  expect(step('run').env!.PARITY_ARGUMENTS).toBe('${{ inputs.arguments }}');
});

test('Node is set up by a pinned setup-node unless the workflow already did', () => {
  expect(steps[0]).toMatchObject({ if: "inputs.node-version != ''", uses: 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020' });
  expect(source).toContain('uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0');
});
