/** What the waiver tests share: this repository's orders fixtures, a scratch directory per file, bad input caught. */
import { join } from 'node:path';
import { ExitCode, ExitError } from '../../../packages/parity/src/shared/exit-error';

export { scratch } from '../../support/scratch-dir';

export const ROOT = join(__dirname, '..', '..', '..');
export const ORDERS_HCL = join(ROOT, 'test', 'fixtures', 'hcl', 'orders-terraform');
export const hclArgs = ['--hcl', `staging=${join(ORDERS_HCL, 'envs', 'staging')}`, '--hcl', `prod=${join(ORDERS_HCL, 'envs', 'prod')}`];
export const PLANS = join(ROOT, 'test', 'fixtures', 'plans');

/** The message of the bad-input exit `f` throws; fails the test when it throws none or another error. */
export function refusal(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(ExitCode.badInput);
    return (error as ExitError).message;
  }
  throw new Error('expected a refusal');
}
