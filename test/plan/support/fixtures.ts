/** Paths of the hand-written plan fixtures (test/fixtures/plans). */
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'plans');
export const GOLDEN = join(FIXTURES, 'golden');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** 2026-11-22, fixed so that waiver expiry never depends on the day the tests run. */
export const TODAY = new Date('2026-11-22T12:00:00Z');
