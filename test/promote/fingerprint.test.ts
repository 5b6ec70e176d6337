/**
 * The platform fingerprint of the real stacks: equal within a parity group, different across
 * groups, blind to scale knobs, sensitive to every invariant and to the group's topology, and
 * published by each stack as an SSM String parameter and an output equal to the hash of its JSON.
 */
import { Testing } from 'cdktf';
import {
  PLATFORM_FINGERPRINT_KEY,
  loadProjectConfig,
  parityGroups,
  rawProjectConfig,
  validateProjectConfig,
  type ProjectConfig,
} from '../../config';
import { projectParityPolicy } from '../../stacks/parity-policy';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { fingerprintsOf } from '../../packages/parity/src/promote/checkout-fingerprints';
import { FINGERPRINT_VERSION, platformFingerprint, type FingerprintOptions } from '../../packages/parity/src/promote/fingerprint';

function synth(config: ProjectConfig, env: string): any {
  const stack = new EnvironmentStack(Testing.app(), env, { config, environment: env, offlinePlan: false });
  return JSON.parse(Testing.synth(stack));
}
const config = loadProjectConfig();
const stacks = Object.fromEntries(['dev', 'staging', 'prod'].map((env) => [env, synth(config, env)]));
const projectFingerprintOptions = (c: ProjectConfig, env: string): FingerprintOptions => ({
  environment: env,
  groups: parityGroups(c),
  scaleKnobs: projectParityPolicy(c).scaleKnobs,
  parameterKey: PLATFORM_FINGERPRINT_KEY,
});
const fingerprint = (json: unknown, env: string, c: ProjectConfig = config) =>
  platformFingerprint(json, projectFingerprintOptions(c, env)).value;
const published = (json: any) => json.output.platform_fingerprint.value as string;
const withEnvironments = (change: (env: any) => any): ProjectConfig =>
  validateProjectConfig({ ...rawProjectConfig, environments: rawProjectConfig.environments.map(change) });

test('staging and prod (one parity group) have the same fingerprint; dev (another topology) has its own', () => {
  expect(published(stacks.staging)).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(published(stacks.staging)).toBe(published(stacks.prod));
  expect(published(stacks.dev)).not.toBe(published(stacks.prod));
});

test.each(['dev', 'staging', 'prod'])(
  '%s publishes it as the String parameter /orders/%s/PLATFORM_FINGERPRINT and an output, both the hash of its own JSON',
  (env) => {
    const json = stacks[env];
    const parameter = json.resource.aws_ssm_parameter.platform_fingerprint;
    expect(parameter).toMatchObject({ name: `/orders/${env}/PLATFORM_FINGERPRINT`, type: 'String', value: published(json) });
    expect(fingerprint(json, env)).toBe(published(json));
    expect(fingerprintsOf(new Map([[env, json]]), PLATFORM_FINGERPRINT_KEY).get(env)).toBe(published(json));
  },
);

test('the same code gives the same fingerprint on every synthesis', () => {
  expect(published(synth(config, 'prod'))).toBe(published(stacks.prod));
});

test('what goes in: resources, attributes and knobs counted; the fingerprint blocks themselves left out', () => {
  const counts = platformFingerprint(stacks.prod, projectFingerprintOptions(config, 'prod'));
  expect(counts.resources).toBeGreaterThan(50);
  expect(counts.knobsRemoved).toBeGreaterThan(20);
  const edited = structuredClone(stacks.prod);
  edited.resource.aws_ssm_parameter.platform_fingerprint.value = 'sha256:tampered';
  edited.resource.aws_ssm_parameter.platform_fingerprint.description = 'anything';
  edited.output.platform_fingerprint.value = 'sha256:tampered';
  expect(fingerprint(edited, 'prod')).toBe(published(stacks.prod));
  expect(FINGERPRINT_VERSION).toBe('env-parity platform fingerprint v2');
});

test('scale knobs do not count: a bigger prod database, more search nodes, other SSM values, other alarm thresholds', () => {
  const scaled = withEnvironments((env) =>
    env.name !== 'prod'
      ? env
      : {
          ...env,
          scale: {
            ...env.scale,
            database: { ...env.scale.database, instanceClass: 'db.r6g.8xlarge', allocatedStorageGb: 3000 },
            search: { ...env.scale.search, instanceCount: 12 },
            alarms: { ...env.scale.alarms, thresholds: { ...env.scale.alarms.thresholds, 'db-cpu': 60 } },
          },
          ssmValues: { ...env.ssmValues, LOG_LEVEL: 'warn' },
        },
  );
  expect(published(synth(scaled, 'prod'))).toBe(published(stacks.prod));
});

test('an invariant counts: a database parameter changed in config/platform.ts moves every environment', () => {
  const changed = validateProjectConfig({
    ...rawProjectConfig,
    platform: {
      ...rawProjectConfig.platform,
      database: {
        ...rawProjectConfig.platform.database,
        parameters: {
          ...rawProjectConfig.platform.database.parameters,
          log_min_duration_statement: { value: '500', applyMethod: 'immediate' },
        },
      },
    },
  });
  const prod = published(synth(changed, 'prod'));
  expect(prod).not.toBe(published(stacks.prod));
  expect(published(synth(changed, 'staging'))).toBe(prod);
});

test('topology counts within its group: three cache shards for production', () => {
  const changed = validateProjectConfig({
    ...rawProjectConfig,
    topologies: {
      ...rawProjectConfig.topologies,
      production: { ...rawProjectConfig.topologies.production!, cache: { shards: 3, replicasPerShard: 1, automaticFailover: true } },
    },
  });
  expect(published(synth(changed, 'prod'))).not.toBe(published(stacks.prod));
  expect(published(synth(changed, 'dev'))).toBe(published(stacks.dev));
});

test.each([
  ['no output', (json: any) => delete json.output],
  ['a placeholder', (json: any) => (json.output.platform_fingerprint.value = 'computing')],
])('a stack that publishes %s is refused', (_name, spoil) => {
  const edited = structuredClone(stacks.prod);
  spoil(edited);
  expect(() => fingerprintsOf(new Map([['prod', edited]]), PLATFORM_FINGERPRINT_KEY)).toThrow(
    'the prod stack publishes no PLATFORM_FINGERPRINT (output `platform_fingerprint` as ' +
      '`sha256:` and 64 hex digits): build it with constructs/platform-fingerprint.ts',
  );
});
