/**
 * The fields every target file (drift's, promote's) gives an environment, with the same rules and
 * the same messages, and the one list rule they share: each environment named once.
 */
import { z } from 'zod';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE } from './environment-names';

/** A non-empty string. */
export const text = z.string().min(1);

/** How an environment is reached: its name, account, region and the read-only role to assume. */
export const environmentAccessFields = {
  name: z.string().regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as eu-west-1'),
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id, as a string'),
  readOnlyRoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, 'an IAM role ARN (arn:aws:iam::123456789012:role/NAME)')
    .optional(),
  declaredIn: text.optional(),
};

/** At least one environment, each named once (a second entry of a name would silently replace the first). */
export function environmentList<T extends z.ZodType<{ name: string }>>(environment: T) {
  return z
    .array(environment)
    .min(1)
    .superRefine((environments, ctx) => {
      const seen = new Set<string>();
      environments.forEach((env, i) => {
        if (seen.has(env.name))
          ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'environment names used once each', input: env.name });
        seen.add(env.name);
      });
    });
}
