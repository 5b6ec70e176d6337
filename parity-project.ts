/**
 * What this cdktf project tells the `parity` CLI about itself (the `ParityProject` contract of
 * @env-parity/parity): its environments and parity groups (config/), the policy its constructs'
 * knobs imply (stacks/parity-policy.ts) and how to synthesize it (stacks/app.ts). The CLI loads
 * this module only when it runs in this directory or below it (beside cdktf.json, as cdktf does);
 * the toolkit's engines never read config/ themselves.
 *
 * The stacks are required lazily: loading cdktf and the AWS provider classes costs time, and only
 * `check` and `synth` of this app need them.
 */
import type { ParityProject } from '@env-parity/parity/project';
import { loadProjectConfig } from './config';

const config = loadProjectConfig();

export const parityProject: ParityProject = {
  environmentsFrom: 'config/environments.ts',
  environments: config.environments.map((e) => ({
    name: e.name,
    parityGroup: e.parityGroup,
    production: e.production,
    region: e.region,
    ...(e.readOnlyRoleArn ? { readOnlyRoleArn: e.readOnlyRoleArn } : {}),
  })),
  app: config.platform.app,
  databaseFrom: 'config/platform.ts',
  database: {
    engineVersion: config.platform.database.engineVersion,
    databaseName: config.platform.database.databaseName,
    parameters: Object.fromEntries(Object.entries(config.platform.database.parameters).map(([name, p]) => [name, p.value])),
  },
  policyFrom: 'config/',
  parityPolicy() {
    const { projectParityPolicy } = require('./stacks/parity-policy') as typeof import('./stacks/parity-policy');
    return projectParityPolicy(config);
  },
  synthesize(outdir) {
    const { synthesizeApp } = require('./stacks/app') as typeof import('./stacks/app');
    return synthesizeApp({ outdir });
  },
  driftTarget() {
    const { driftTargetOf } = require('./stacks/drift-target') as typeof import('./stacks/drift-target');
    return driftTargetOf(config);
  },
  promoteTarget() {
    const { promoteTargetOf } = require('./stacks/promote-target') as typeof import('./stacks/promote-target');
    return promoteTargetOf(config);
  },
  checkoutFingerprints(environments) {
    const { synthesizeFingerprints } = require('./stacks/promote-target') as typeof import('./stacks/promote-target');
    return synthesizeFingerprints(config, environments);
  },
};
