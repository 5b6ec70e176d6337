/**
 * Generates N environments from the real config (copies of staging and prod with their own names,
 * accounts and address ranges), for the synth and comparator benchmarks.
 */
import { loadProjectConfig, type EnvironmentConfig } from '../config';

export function generatedEnvironments(count: number): EnvironmentConfig[] {
  const config = loadProjectConfig();
  const templates = config.environments;
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length]!;
    const name = i < templates.length ? template.name : `env${i}`;
    const account = String(100000000000 + i);
    return {
      ...structuredClone(template),
      name,
      accountId: account,
      searchAdminRoleArn: `arn:aws:iam::${account}:role/platform-admin`,
      network: { vpcCidr: `10.${i % 250}.0.0/16` },
    };
  });
}
