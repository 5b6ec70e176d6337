import { perEnvironment, type ConfigRule } from '../rule-support';

const meta = {
  id: 'storage-ceiling',
  description: "An environment's `maxAllocatedStorageGb` is below its `allocatedStorageGb`.",
  why: 'RDS storage autoscaling needs a ceiling at least the allocated size; a lower one fails the apply.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = perEnvironment((env) => {
  const { allocatedStorageGb, maxAllocatedStorageGb } = env.scale.database;
  return maxAllocatedStorageGb >= allocatedStorageGb
    ? []
    : [
        {
          environment: env.name,
          field: 'scale.database.maxAllocatedStorageGb',
          expected: `at least \`allocatedStorageGb\` (${allocatedStorageGb})`,
          found: String(maxAllocatedStorageGb),
          fix: 'raise `maxAllocatedStorageGb` or lower `allocatedStorageGb`',
        },
      ];
});

const rule: ConfigRule = { meta, check };
export default rule;
