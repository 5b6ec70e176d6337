/**
 * Runs action.yml's composite steps as the runner would, for the tests: inputs and their defaults,
 * `${{ inputs.* }}` and `${{ steps.*.outputs.* }}` in `env` and `working-directory`, the `if`
 * conditions it uses (always(), ==, !=, &&; anything else throws, so a new condition needs this
 * runner taught first), a step without `if` only while every earlier step succeeded, each run
 * step in bash with its own $GITHUB_OUTPUT. `uses:` steps must be skipped by their condition.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');

interface CompositeStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
}
interface ActionFile {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { steps: CompositeStep[] };
}

export interface StepResult {
  id: string;
  ran: boolean;
  code: number;
  stdout: string;
  stderr: string;
}
export interface CompositeResult {
  steps: StepResult[] /** The action's result: the first failing step's code, else 0. */;
  code: number;
  outputs: Record<string, Record<string, string>>;
}

function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

export async function runComposite(options: {
  inputs: Record<string, string>;
  workspace: string;
  runnerTemp: string;
  env: Record<string, string>;
  token?: string;
}): Promise<CompositeResult> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionFile;
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    const given = options.inputs[name];
    if (given === undefined && input.required) throw new Error(`input ${name} is required`);
    inputs[name] = given ?? (input.default === '${{ github.token }}' ? (options.token ?? '') : (input.default ?? ''));
  }
  for (const name of Object.keys(options.inputs)) if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
  const outputs: Record<string, Record<string, string>> = {};
  const value = (expression: string): string => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return inputs[input[1]!] ?? '';
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return outputs[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`the test runner does not know \${{ ${expression} }}`);
  };
  const substitute = (text: string) => text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e: string) => value(e));
  let failed = false;
  const condition = (text: string | undefined): boolean => {
    if (text === undefined) return !failed;
    let always = false;
    const terms = text.split(' && ').map((term) => {
      if (term === 'always()') return (always = true);
      const compare = /^([\w.-]+) (==|!=) '([^']*)'$/.exec(term);
      if (!compare) throw new Error(`the test runner does not know the condition \`${term}\``);
      return compare[2] === '==' ? value(compare[1]!) === compare[3] : value(compare[1]!) !== compare[3];
    });
    return (always || !failed) && terms.every(Boolean);
  };
  const results: StepResult[] = [];
  let code = 0;
  for (const [index, step] of action.runs.steps.entries()) {
    const id = step.id ?? `step-${index}`;
    if (!condition(step.if)) {
      results.push({ id, ran: false, code: 0, stdout: '', stderr: '' });
      continue;
    }
    if (step.uses) throw new Error(`the test runner cannot run \`uses: ${step.uses}\`: pass an input that skips it`);
    const outputFile = join(options.runnerTemp, `output-${id}`);
    writeFileSync(outputFile, '');
    const env = {
      ...options.env,
      RUNNER_TEMP: options.runnerTemp,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v)])),
    };
    const cwd = resolve(options.workspace, substitute(step['working-directory'] ?? '.'));
    const result = await new Promise<StepResult>((done) => {
      execFile('bash', ['-e', '-c', step.run!], { env, cwd, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
        done({ id, ran: true, code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
    outputs[id] = readOutputs(outputFile);
    results.push(result);
    if (result.code !== 0 && !failed) {
      failed = true;
      code = result.code;
    }
  }
  return { steps: results, code, outputs };
}
