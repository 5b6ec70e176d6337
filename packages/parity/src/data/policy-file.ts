/**
 * `--policy FILE` of `data check` (YAML or JSON): settings to compare beyond the platform's
 * parameter group, and the volume policy.
 *
 *   settings: [work_mem, random_page_cost]
 *   volume:
 *     fraction: 0.1        # of prod's rows (default 0.1)
 *     rows: 100000         # always enough (default 100,000); the smaller of the two applies
 *     tables:
 *       public.orders: { rows: 1000000 }
 *       audit_log: { fraction: 0.01 }
 */
import { readInputText } from '../shared/input-files';
import { z } from 'zod';
import { badInput } from '../shared/exit-error';
import { DEFAULT_VOLUME_POLICY, type VolumePolicy } from './compare-data';

const tableOverride = z
  .object({ rows: z.number().int().min(0).optional(), fraction: z.number().min(0).max(1).optional() })
  .strict()
  .refine((o) => (o.rows === undefined) !== (o.fraction === undefined), { message: 'give `rows` or `fraction`, one of them' });

const policySchema = z
  .object({
    settings: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'a pg_settings name')).optional(),
    volume: z
      .object({
        fraction: z.number().min(0).max(1).optional(),
        rows: z.number().int().min(0).optional(),
        tables: z.record(z.string(), tableOverride).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface DataPolicy {
  readonly settings: readonly string[];
  readonly volume: VolumePolicy;
}

export function readDataPolicy(file: string | undefined): DataPolicy {
  if (!file) return { settings: [], volume: DEFAULT_VOLUME_POLICY };
  // FIFOs, directories, binary and unreadable files are refused before parsing.
  const text = readInputText(file, {
    what: 'a data policy (YAML or JSON)',
    fix: 'Pass the path of a readable policy file to `--policy`, or leave it out for the defaults.',
  });
  let raw: unknown;
  try {
    // Loaded only with a policy: the YAML parser is a tenth of the command's start-up.
    const { parse } = require('yaml') as typeof import('yaml');
    raw = parse(text);
  } catch (error) {
    throw badInput(
      `a data policy (YAML or JSON) at \`${file}\``,
      `\`${(error as Error).message.split('\n')[0]}\``,
      'Fix the file, or leave out `--policy` for the defaults.',
    );
  }
  const parsed = policySchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(
      'a policy shaped `{ settings: [NAME], volume: { fraction, rows, tables: { TABLE: { rows | fraction } } } }`',
      `${issue.message} at \`${issue.path.join('.') || '(root)'}\` in \`${file}\``,
      'Fix that entry.',
    );
  }
  const v = parsed.data.volume ?? {};
  return {
    settings: parsed.data.settings ?? [],
    volume: { fraction: v.fraction ?? DEFAULT_VOLUME_POLICY.fraction, rows: v.rows ?? DEFAULT_VOLUME_POLICY.rows, tables: v.tables ?? {} },
  };
}
