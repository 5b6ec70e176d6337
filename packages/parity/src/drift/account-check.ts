/** The first call of every environment read: are these credentials the environment's account? */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AccountAccess } from './drift-environment';
import type { EnvironmentClients } from './aws-clients';
import { ReadStepError, step } from './aws-errors';

/** STS GetCallerIdentity, and the account it names must be the environment's. */
export async function checkAccount(env: AccountAccess, clients: Pick<EnvironmentClients, 'sts'>): Promise<string> {
  const who = env.readOnlyRoleArn ? ` as ${env.readOnlyRoleArn}` : '';
  const identity = await step(`checking the account with STS GetCallerIdentity${who}`, () =>
    clients.sts.send(new GetCallerIdentityCommand({})),
  );
  if (identity.Account !== env.accountId) {
    const where = env.declaredIn ?? 'its configuration';
    const fix = env.readOnlyRoleArn
      ? `check \`readOnlyRoleArn\` of \`${env.name}\` in ${where}`
      : `set \`readOnlyRoleArn\` for \`${env.name}\` in ${where}, or run with credentials for account ${env.accountId}`;
    throw new ReadStepError(
      'checking the account',
      new Error(
        `expected credentials for account ${env.accountId} (\`accountId\` of \`${env.name}\`), ` +
          `found account ${identity.Account ?? 'unknown'}; ${fix}`,
      ),
    );
  }
  return env.accountId;
}
