#!/usr/bin/env node
'use strict';
/**
 * The action's run step: runs `parity <command> <arguments>` with `--format markdown --output
 * REPORT` (for the commands that write one), keeps its exit code instead of failing, and hands the
 * code and the report to the comment and finish steps through $GITHUB_OUTPUT. So the comment is
 * posted even when the command blocks, and the step after it fails the job with that code.
 *
 * Input (environment, set by action.yml): PARITY_BIN, PARITY_COMMAND, PARITY_ARGUMENTS,
 * PARITY_REPORT, PARITY_COMMENT_ID, PARITY_COMMENT, PARITY_SUMMARY, PARITY_TIMEOUT. Exit 2 on bad input to the
 * action itself (nothing ran); otherwise 0 whatever the command's code.
 */
const { spawn } = require('node:child_process');
const { appendFileSync, existsSync, mkdirSync, rmSync, readFileSync } = require('node:fs');
const { constants } = require('node:os');
const { dirname, join, resolve } = require('node:path');
const { ArgumentsError, quoteWord, splitArguments } = require('./arguments.cjs');
const { commentId } = require('./marker.cjs');

/** The commands with a markdown report (`--format markdown --output FILE`); others run without one. */
const REPORTING = ['check', 'plan review', 'drift', 'migrations check', 'data check', 'promote check'];
/** Sent after SIGTERM when the command has not stopped (it cleans up its servers on SIGTERM). */
const KILL_GRACE_MS = 15_000;

class InputError extends Error {}

function parseCommand(text) {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 2 || !words.every((w) => /^[a-z][a-z-]*$/.test(w))) {
    throw new InputError(
      `expected \`command\` a parity command such as \`plan review\`, \`check\` or \`migrations check\`, found \`${text}\`. ` +
        `Fix: name the command without \`parity\` and put its options in \`arguments\`.`,
    );
  }
  return words;
}

function parseTimeout(text) {
  if (text.trim() === '') return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) <= 0)
    throw new InputError(
      `expected \`timeout\` a whole number of seconds above 0, found \`${text}\`. ` +
        `Fix: pass e.g. \`timeout: 600\`, or leave it empty for none.`,
    );
  return Number(text) * 1000;
}

function output(name, value) {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

/** Runs the command; resolves to its exit code (124 when the timeout stopped it, 128+n for signal n). */
function runCommand(bin, argv, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: 'inherit' });
    let timedOut = false;
    let killer;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            process.stderr.write(
              `::error::parity ${argv.slice(0, 2).join(' ')} ran past its timeout of ${timeoutMs / 1000} s: stopped (SIGTERM).\n`,
            );
            child.kill('SIGTERM');
            killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
          }, timeoutMs);
    // A cancelled job signals this process: the command gets the signal too, and cleans up.
    const forward = (signal) => child.kill(signal);
    process.on('SIGTERM', forward);
    process.on('SIGINT', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      process.off('SIGTERM', forward);
      process.off('SIGINT', forward);
      if (timedOut) resolvePromise(124);
      else resolvePromise(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

async function main(env = process.env) {
  const bin = env.PARITY_BIN ?? '';
  if (bin === '' || !existsSync(bin))
    throw new InputError(
      `expected PARITY_BIN the installed parity entry, found \`${bin}\`. ` +
        `Fix: run this script through the action (action.yml), after its install step.`,
    );
  const command = parseCommand(env.PARITY_COMMAND ?? '');
  const name = command.join(' ');
  const args = splitArguments(env.PARITY_ARGUMENTS ?? '', env);
  const timeoutMs = parseTimeout(env.PARITY_TIMEOUT ?? '');
  const reporting = REPORTING.includes(name);
  let report = '';
  if (reporting) {
    const own = args.find((a) => /^--(format|output)(=|$)/.test(a));
    if (own)
      throw new InputError(
        `expected \`arguments\` without \`--format\` or \`--output\` (the action writes the markdown report itself), found \`${own}\`. ` +
          `Fix: drop it; pass \`report: FILE\` to choose where the report goes.`,
      );
    const id = commentId(name, env.PARITY_COMMENT_ID ?? '');
    report = resolve(env.PARITY_REPORT?.trim() || join(env.RUNNER_TEMP || '.', 'env-parity', `${id}.md`));
    // A report left by an earlier run must never be posted as this run's.
    rmSync(report, { force: true });
    mkdirSync(dirname(report), { recursive: true });
  }
  const argv = [...command, ...args, ...(reporting ? ['--format', 'markdown', '--output', report] : [])];
  const shown = (env.PARITY_ARGUMENTS ?? '').replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
  process.stdout.write(`parity ${name}${shown ? ` ${shown}` : ''}${reporting ? ` --format markdown --output ${quoteWord(report)}` : ''}\n`);
  const code = await runCommand(bin, argv, timeoutMs);
  const written = reporting && existsSync(report);
  process.stdout.write(`parity ${name} exited ${code}${reporting ? (written ? `; report: ${report}` : '; it wrote no report') : ''}\n`);
  if (env.PARITY_SUMMARY !== 'false' && env.GITHUB_STEP_SUMMARY && reporting) {
    const body = written ? readFileSync(report, 'utf8') : `### parity ${name}\n\nExited ${code} without a report: see the job log.\n`;
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${body.trimEnd()}\n\n`);
  }
  if (!reporting && env.PARITY_COMMENT === 'true')
    process.stdout.write(`::notice::parity ${name} writes no markdown report (only ${REPORTING.join(', ')} do): no comment.\n`);
  output('exit-code', code);
  output('report', written ? report : '');
  output('reporting', reporting);
  output('command', name);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      if (error instanceof InputError || error instanceof ArgumentsError || /^expected /.test(error.message)) {
        process.stderr.write(`::error::env-parity action: ${error.message}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`::error::env-parity action: unexpected error, please report it: ${error.stack}\n`);
        process.exitCode = 70;
      }
    },
  );
}
