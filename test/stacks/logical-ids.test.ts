/**
 * Readable logical ids (stacks/logical-ids.ts): hash-free, unique, unchanged by adding an
 * environment, and a `moved` block from every old hashed address (stacks/hashed-ids.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing, TerraformResource } from 'cdktf';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Construct } from 'constructs';
import { loadProjectConfig, type ProjectConfig } from '../../config';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { movedBlocksHcl, movesFromHashedIds } from '../../stacks/hashed-ids';
import { ENVIRONMENTS, synthEnvironment, type TerraformJson } from '../helpers/synth';

const config = loadProjectConfig();
const HASHED = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'stacks', 'hashed-addresses.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;

const addressesOf = (json: TerraformJson) =>
  Object.entries(json.resource).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`));

function stackOf(name: string, project: ProjectConfig = config, moveFromHashedIds = false): EnvironmentStack {
  return new EnvironmentStack(Testing.app(), name, { config: project, environment: name, offlinePlan: false, moveFromHashedIds });
}

describe.each(ENVIRONMENTS)('logical ids of %s', (name) => {
  const json = synthEnvironment(name);
  const addresses = addressesOf(json);

  test('read as the construct path below the platform', () => {
    expect(addresses).toEqual(
      expect.arrayContaining([
        'aws_db_instance.database',
        'aws_subnet.network_private_a',
        'aws_ssm_parameter.parameter_PAYMENTS_ENDPOINT',
        'aws_opensearch_domain.search',
        'aws_elasticache_replication_group.cache',
        'aws_cloudwatch_metric_alarm.alarm_db_cpu',
        'aws_iam_role.drift_reader',
      ]),
    );
  });

  test('carry no hash, no environment name, and only characters Terraform names allow', () => {
    for (const address of addresses) {
      const id = address.split('.')[1]!;
      expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(id).not.toMatch(/_[0-9A-F]{8}$/);
      expect(id).not.toContain(name);
    }
  });

  test('every resource of the construct tree keeps its own address (none is lost to a clash)', () => {
    const resources = stackOf(name)
      .node.findAll()
      .filter((c) => TerraformResource.isTerraformResource(c));
    expect(new Set(addresses).size).toBe(resources.length);
  });
});

test('adding an environment changes no address of the others', () => {
  const qa = { ...structuredClone(config.environments[1]!), name: 'qa', accountId: '444444444444', network: { vpcCidr: '10.40.0.0/16' } };
  const extended = { ...config, environments: [config.environments[0]!, qa, ...config.environments.slice(1)] };
  for (const name of ENVIRONMENTS) {
    expect(addressesOf(JSON.parse(Testing.synth(stackOf(name, extended))))).toEqual(addressesOf(synthEnvironment(name)));
  }
  expect(addressesOf(JSON.parse(Testing.synth(stackOf('qa', extended))))).toEqual(addressesOf(synthEnvironment('staging')));
});

test('two constructs that would share an address are refused, naming both paths', () => {
  const stack = stackOf('dev');
  const extra = new Construct(stack, 'parameter-LOG');
  new SsmParameter(extra, 'LEVEL', { name: '/x', type: 'String', value: 'x' });
  expect(() => Testing.synth(stack)).toThrow(
    '`dev/parameter-LOG/LEVEL` and `dev/platform/parameter/LOG_LEVEL` would both be `aws_ssm_parameter.parameter_LOG_LEVEL`: rename ' +
      'one of the constructs',
  );
});

describe.each(ENVIRONMENTS)('moving %s from the hashed ids', (name) => {
  test('one move from every address cdktf gave before, to the readable address', () => {
    const moves = movesFromHashedIds(stackOf(name));
    const hashed = Object.values(HASHED[name]!);
    // Resources added since have no old address; their moves are no-ops Terraform ignores.
    expect(moves.map((m) => m.from)).toEqual(expect.arrayContaining(hashed));
    expect(moves.map((m) => m.to).sort()).toEqual(addressesOf(synthEnvironment(name)).sort());
    expect(moves.find((m) => m.to === 'aws_db_instance.database')?.from).toBe(HASHED[name]!['platform/database/instance']);
    expect(moves.find((m) => m.to === 'aws_subnet.network_private_a')?.from).toBe(HASHED[name]!['platform/network/private-0']);
    expect(moves.find((m) => m.to === 'aws_ssm_parameter.parameter_PAYMENTS_ENDPOINT')?.from).toBe(
      HASHED[name]!['platform/parameters/PAYMENTS_ENDPOINT'],
    );
  });

  test('with moveFromHashedIds the stack carries the moved blocks', () => {
    const json = JSON.parse(Testing.synth(stackOf(name, config, true)));
    expect(json.moved).toEqual(
      expect.arrayContaining([{ from: HASHED[name]!['platform/database/instance'], to: 'aws_db_instance.database' }]),
    );
    expect(json.moved).toHaveLength(addressesOf(synthEnvironment(name)).length);
  });
});

test('moves print as HCL moved blocks', () => {
  expect(movedBlocksHcl([{ from: 'aws_vpc.platform_network_vpc_7092732B', to: 'aws_vpc.network' }])).toBe(
    'moved {\n  from = aws_vpc.platform_network_vpc_7092732B\n  to   = aws_vpc.network\n}\n',
  );
});
