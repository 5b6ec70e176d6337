/** `--timeout SECONDS`: the total time allowed for reading one environment, retries included. */
import { badInput } from '../shared/exit-error';
import { DEFAULT_DEADLINE_MS } from './aws-clients';

/** The longest `--timeout` accepted: a run that waits longer than an hour is a hang by another name. */
export const MAX_TIMEOUT_SECONDS = 3600;

/** Milliseconds; the default when the option is absent. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEADLINE_MS;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
    throw badInput(
      `\`--timeout\` a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`,
      `\`${value}\``,
      `Run again with e.g. \`--timeout ${DEFAULT_DEADLINE_MS / 1000}\`.`,
    );
  }
  return Math.round(seconds * 1000);
}
