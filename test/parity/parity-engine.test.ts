import { loadProjectConfig } from '../../config/index';
import { projectParityPolicy } from '../../stacks/parity-policy';
import { checkParity } from '../../packages/parity/src/parity/parity-engine';
import { ALL_ENVIRONMENTS, type GroupResult } from '../../packages/parity/src/parity/parity-result';
import { ordersModels, type StackDocument } from './stack-fixtures';

const policy = projectParityPolicy(loadProjectConfig());
const group = (groups: readonly GroupResult[], name: string) => groups.find((g) => g.name === name)!;
const check = (mutate: Partial<Record<string, (doc: StackDocument) => void>> = {}) => checkParity(ordersModels(mutate), policy).groups;

describe('the parity engine on the orders fixtures', () => {
  test('the unchanged fixtures have no differences in any group', () => {
    const groups = check();
    expect(groups.map((g) => g.name)).toEqual(['development', 'production', ALL_ENVIRONMENTS]);
    for (const g of groups) {
      expect(g.differences).toEqual([]);
      expect(g.onlyIn).toEqual([]);
    }
  });

  test('every allowed difference names the pattern and the knob that allow it', () => {
    const production = group(check(), 'production');
    expect(production.allowed).toContainEqual({
      address: 'aws_db_instance.database',
      path: 'instance_class',
      values: { staging: 'db.r6g.large', prod: 'db.r6g.2xlarge' },
      allowedBy: { kind: 'scale-knob', pattern: 'aws_db_instance.*.instance_class', why: '`scale.database.instanceClass`' },
    });
    expect(group(check(), ALL_ENVIRONMENTS).allowed).toContainEqual({
      address: 'aws_subnet.network_private_c',
      environments: ['staging', 'prod'],
      allowedBy: { kind: 'topology', pattern: 'aws_subnet.*', why: '`availabilityZones`' },
    });
  });

  test('a different engine version in prod is an invariant difference of the production group', () => {
    const groups = check({ prod: (doc) => (doc.resource.aws_db_instance.database.engine_version = '16.4') });
    expect(group(groups, 'production').differences).toEqual([
      {
        address: 'aws_db_instance.database',
        path: 'engine_version',
        values: { staging: '16.8', prod: '16.4' },
        absentIn: [],
        unknownIn: [],
        kind: 'invariant',
      },
    ]);
    // Reported once: not again across groups.
    expect(group(groups, ALL_ENVIRONMENTS).differences).toEqual([]);
  });

  test('a different engine version in dev only is an invariant difference across groups', () => {
    const groups = check({ dev: (doc) => (doc.resource.aws_db_instance.database.engine_version = '15.7') });
    expect(group(groups, 'production').differences).toEqual([]);
    expect(group(groups, ALL_ENVIRONMENTS).differences).toEqual([
      {
        address: 'aws_db_instance.database',
        path: 'engine_version',
        values: { dev: '15.7', staging: '16.8', prod: '16.8' },
        absentIn: [],
        unknownIn: [],
        kind: 'invariant',
      },
    ]);
  });

  test('an extra SSM parameter in staging is reported as present in staging only', () => {
    const groups = check({
      staging: (doc) =>
        (doc.resource.aws_ssm_parameter.parameter_DEBUG_TOKEN = { name: '/orders/staging/DEBUG_TOKEN', type: 'String', value: 'x' }),
    });
    expect(group(groups, 'production').onlyIn).toEqual([
      { address: 'aws_ssm_parameter.parameter_DEBUG_TOKEN', environments: ['staging'], kind: 'invariant' },
    ]);
    expect(group(groups, ALL_ENVIRONMENTS).onlyIn).toEqual([]);
  });

  test('a topology change inside the production group is a topology difference', () => {
    const groups = check({ staging: (doc) => (doc.resource.aws_db_instance.database.multi_az = false) });
    expect(group(groups, 'production').differences).toEqual([
      {
        address: 'aws_db_instance.database',
        path: 'multi_az',
        values: { staging: false, prod: true },
        absentIn: [],
        unknownIn: [],
        kind: 'topology',
      },
    ]);
  });

  test('topology may differ between groups: dev without Multi-AZ is allowed', () => {
    const all = group(check(), ALL_ENVIRONMENTS);
    expect(all.allowed.find((a) => a.path === 'multi_az')?.allowedBy).toEqual({
      kind: 'topology',
      pattern: 'aws_db_instance.*.multi_az',
      why: '`database.multiAz`',
    });
  });

  test('a scale knob difference is not reported as a difference', () => {
    const groups = check({ staging: (doc) => (doc.resource.aws_db_instance.database.instance_class = 'db.r6g.4xlarge') });
    for (const g of groups) expect(g.differences).toEqual([]);
    expect(group(groups, 'production').allowed.find((a) => a.path === 'instance_class')?.values).toEqual({
      staging: 'db.r6g.4xlarge',
      prod: 'db.r6g.2xlarge',
    });
  });

  test('an attribute set in one environment only lists where it is absent', () => {
    const groups = check({ prod: (doc) => (doc.resource.aws_db_instance.database.iam_database_authentication_enabled = true) });
    expect(group(groups, 'production').differences).toEqual([
      {
        address: 'aws_db_instance.database',
        path: 'iam_database_authentication_enabled',
        values: { prod: true },
        absentIn: ['staging'],
        unknownIn: [],
        kind: 'invariant',
      },
    ]);
  });

  test('a staging resource pointing at prod by name is a difference', () => {
    const groups = check({ staging: (doc) => (doc.resource.aws_db_instance.database.replicate_source_db = 'orders-prod') });
    expect(group(groups, 'production').differences.map((d) => [d.path, d.values])).toEqual([
      ['replicate_source_db', { staging: 'orders-prod' }],
    ]);
  });

  test('a group naming an environment with no stack is an error', () => {
    expect(() => checkParity(ordersModels(), { ...policy, groups: [{ name: 'production', environments: ['staging', 'qa'] }] })).toThrow(
      'parity group `production` names environment `qa`, which has no stack',
    );
  });
});
