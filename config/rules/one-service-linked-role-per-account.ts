import { problems, type ConfigProblem, type ConfigRule, type ProjectConfig } from '../rule-support';

const meta = {
  id: 'one-service-linked-role-per-account',
  description: 'Two environments of one account both create the OpenSearch service-linked role.',
  why: 'The service-linked role is one per account: two stacks creating it in one account fail the second apply.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

function problemsIn(config: ProjectConfig): ConfigProblem[] {
  const creator = new Map<string, string>();
  return config.environments.flatMap((env) => {
    if (env.searchServiceLinkedRole !== 'create') return [];
    const first = creator.get(env.accountId);
    if (first === undefined) {
      creator.set(env.accountId, env.name);
      return [];
    }
    return [
      {
        environment: env.name,
        field: 'searchServiceLinkedRole',
        expected: `\`exists\`: environment \`${first}\` creates the role in account ${env.accountId}`,
        found: '`create`',
        fix: "set `searchServiceLinkedRole: 'exists'` for every other environment of that account",
      },
    ];
  });
}

const check = (config: ProjectConfig) => problems(problemsIn(config));

const rule: ConfigRule = { meta, check };
export default rule;
