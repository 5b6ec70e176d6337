/** Runs one of the action's scripts (action/*.cjs) as the runner would: a child process with its environment. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ACTION_DIR = join(__dirname, '..', '..', '..', 'action');

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
  /** What the script wrote to $GITHUB_OUTPUT, by name. */
  outputs: Record<string, string>;
  /** What it appended to $GITHUB_STEP_SUMMARY. */
  summary: string;
}

/** A scratch directory for one test. */
export function scratch(prefix = 'parity-action-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runScript(script: string, env: Record<string, string>, cwd?: string): Promise<ScriptResult> {
  const dir = scratch();
  const outputFile = join(dir, 'github-output');
  const summaryFile = join(dir, 'step-summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const base = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ACTION_DIR, script)],
      { env: { ...base, ...env }, cwd: cwd ?? dir, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const outputs: Record<string, string> = {};
        for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
          const at = line.indexOf('=');
          if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
        }
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr, outputs, summary: readFileSync(summaryFile, 'utf8') });
      },
    );
  });
}

/** A GitHub event file for a pull request, from this repository or from a fork. */
export function pullRequestEvent(number: number, headRepository = 'acme/infra'): string {
  const file = join(scratch('parity-event-'), 'event.json');
  writeFileSync(file, JSON.stringify({ number, pull_request: { number, head: { repo: { full_name: headRepository } } } }));
  return file;
}
