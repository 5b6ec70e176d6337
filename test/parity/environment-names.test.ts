/** Environment names that are keys of every JavaScript object are names like any other. */
import { environmentNameNormalizer } from '../../packages/parity/src/shared/environment-names';

test.each(['constructor', 'tostring', 'hasownproperty', 'valueof', '__proto__'])('`%s` normalizes as a name, with no alias', (name) => {
  const normalize = environmentNameNormalizer([name]);
  expect(normalize(`orders-${name}-db`)).toBe('orders-{env}-db');
  expect(normalize('orders-prod-db')).toBe('orders-prod-db');
});

test('the usual aliases still apply', () => {
  expect(environmentNameNormalizer(['prod'])('orders-production-db')).toBe('orders-{env}-db');
});
