/**
 * Reads an environment's live platform fingerprint with its read-only role, as `parity drift`
 * reads (same clients, account check, timeouts and deadline): GetParameters on the one String
 * parameter that holds it (`/{app}/{env}/PLATFORM_FINGERPRINT` here), which returns its value and
 * `LastModifiedDate`.
 */
import { environmentClients, type ClientOptions } from '../drift/aws-clients';
import { ReadStepError, readFailure, step } from '../drift/aws-errors';
import type { AccountAccess } from '../drift/drift-environment';
import type { CallCounts } from '../drift/drift-report';
import { checkAccount } from '../drift/account-check';
import { readSsmValues } from '../drift/read-ssm-values';

export type LiveFingerprint =
  | { readonly status: 'read'; readonly parameter: string; readonly value: string; readonly writtenAt?: Date }
  | { readonly status: 'missing'; readonly parameter: string }
  | { readonly status: 'unreadable'; readonly parameter: string; readonly reason: string };

/** `parameter` is the full name of the fingerprint's SSM parameter. */
export async function readLiveFingerprint(
  env: AccountAccess,
  parameter: string,
  options: ClientOptions = {},
): Promise<{ fingerprint: LiveFingerprint; calls: CallCounts }> {
  const clients = environmentClients(env, options);
  try {
    await checkAccount(env, clients);
    const values = await step(`reading ${parameter}`, () => readSsmValues(clients.ssm, [parameter]));
    const live = values.get(parameter);
    const fingerprint: LiveFingerprint = live
      ? { status: 'read', parameter, value: live.value, ...(live.lastModified ? { writtenAt: live.lastModified } : {}) }
      : { status: 'missing', parameter };
    return { fingerprint, calls: clients.counter.snapshot() };
  } catch (error) {
    const reason = error instanceof ReadStepError ? error.message : readFailure(error, `reading ${parameter}`);
    return { fingerprint: { status: 'unreadable', parameter, reason }, calls: clients.counter.snapshot() };
  } finally {
    clients.destroy();
  }
}
