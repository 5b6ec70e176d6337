#!/usr/bin/env node
'use strict';
/**
 * The action's last step: the command's exit code becomes the step's result, after the report was
 * posted. A code in `allowed-exit-codes` (default `0`) passes; any other fails with that code and
 * one line saying what it means (the parity CLI's codes: 1 findings, 2 bad input, 3 unreadable).
 */

const MEANING = {
  1: 'it found something that blocks: see the report (job summary, pull-request comment)',
  2: 'bad input: nothing was checked; the reason is in the log above',
  3: 'an environment or database could not be read: nothing is proven',
  124: 'it ran past the `timeout` input and was stopped',
};

function parseCodes(text) {
  const words = text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (words.length === 0 || !words.every((w) => /^\d{1,3}$/.test(w) && Number(w) <= 255)) {
    throw new Error(`expected \`allowed-exit-codes\` exit codes 0-255 separated by spaces (e.g. \`0 1 3\`), found \`${text}\`.`);
  }
  return words.map(Number);
}

/** The step's exit code and its message (undefined when it passes). */
function finish(env = process.env) {
  const code = env.PARITY_EXIT_CODE ?? '';
  const command = env.PARITY_COMMAND ?? '';
  if (!/^\d+$/.test(code))
    return { exit: 2, message: `env-parity action: parity ${command} left no exit code (the run step failed): see the log above.` };
  const allowed = parseCodes(env.PARITY_ALLOWED_EXIT_CODES ?? '0');
  const value = Number(code);
  if (allowed.includes(value))
    return { exit: 0, message: value === 0 ? undefined : `parity ${command} exited ${value}, which \`allowed-exit-codes\` lets pass` };
  return {
    exit: value === 0 ? 1 : value,
    message: `parity ${command} exited ${value}: ${MEANING[value] ?? 'an unexpected failure: see the log above'}.`,
  };
}

if (require.main === module) {
  try {
    const { exit, message } = finish();
    if (message) process.stdout.write(`${exit === 0 ? '::notice::' : '::error::'}${message}\n`);
    process.exitCode = exit;
  } catch (error) {
    process.stderr.write(`::error::env-parity action: ${error.message}\n`);
    process.exitCode = 2;
  }
}

module.exports = { finish };
