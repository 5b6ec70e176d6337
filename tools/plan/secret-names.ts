/**
 * Secrets by name: attributes that are secret by nature are masked even when the plan does not
 * mark them (a provider schema that forgot `Sensitive`, a hand-written plan, an older Terraform).
 * Their paths are added to `before_sensitive` / `after_sensitive`, so that every reader of the
 * change (rules through `attribute`, the changed paths) sees them as sensitive, as if Terraform had
 * marked them.
 */
import type { JsonValue, RawChange, ValueMarks } from './plan-json';

/** Attribute names that hold a secret wherever they appear. */
const SECRET_NAMES = new Set([
  'password',
  'master_password',
  'secret_string',
  'secret_binary',
  'auth_token',
  'private_key',
  'private_key_pem',
  'secret_key',
  'secret_access_key',
  'client_secret',
  'api_key',
  'token',
  'secret',
  'passphrase',
  'sasl_password',
]);

/**
 * Name endings that hold a secret: `_wo` (Terraform's write-only arguments, such as
 * `password_wo` and `value_wo`: never stored, but a hand-made plan may hold them), `_password`
 * (`master_user_password`), `_secret`, `_private_key`, `_auth_token`.
 * `password_wo_version` (a number) ends otherwise and stays visible.
 */
const SECRET_SUFFIXES = ['_wo', '_password', '_secret', '_private_key', '_auth_token', '_secret_string'];

/** True for an attribute name that is secret by nature. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || SECRET_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** SSM parameter types whose `value` is plain text; any other (SecureString, unknown) is masked. */
const PLAIN_SSM_TYPES = new Set(['String', 'StringList']);

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The marks of `value` with every secret-named key below it marked too. */
function withNames(value: JsonValue | undefined, marks: ValueMarks, extra: ReadonlySet<string>): ValueMarks {
  if (marks === true || value === null || value === undefined || typeof value !== 'object') return marks;
  if (Array.isArray(value)) {
    const given = Array.isArray(marks) ? marks : [];
    let changed = false;
    const out = value.map((item, i) => {
      const next = withNames(item, given[i], new Set());
      if (next !== given[i]) changed = true;
      return next;
    });
    return changed ? out : marks;
  }
  const given: { [key: string]: ValueMarks } = marks && typeof marks === 'object' && !Array.isArray(marks) ? marks : {};
  let out: { [key: string]: ValueMarks } | undefined;
  for (const [key, child] of Object.entries(value)) {
    const next = child !== null && (isSecretName(key) || extra.has(key)) ? true : withNames(child, given[key], new Set());
    if (next !== given[key]) (out ??= { ...given })[key] = next;
  }
  return out ?? marks;
}

/** Keys masked on one side because of the resource's type and its other values. */
function typeSecrets(type: string, value: JsonValue | undefined): ReadonlySet<string> {
  if (type === 'aws_ssm_parameter' && isObject(value)) {
    const ssmType = value.type;
    if (!(typeof ssmType === 'string' && PLAIN_SSM_TYPES.has(ssmType))) return new Set(['value']);
  }
  return new Set();
}

/** The change with secret-named attributes marked sensitive on both sides (unchanged when none). */
export function withSecretMarks(change: RawChange | undefined, type: string): RawChange | undefined {
  if (!change) return change;
  // The SSM type may be known on one side only (created: after; deleted: before): either counts.
  const ssm = new Set([...typeSecrets(type, change.before), ...typeSecrets(type, change.after)]);
  const before_sensitive = withNames(change.before, change.before_sensitive, ssm);
  const after_sensitive = withNames(change.after, change.after_sensitive, ssm);
  if (before_sensitive === change.before_sensitive && after_sensitive === change.after_sensitive) return change;
  return { ...change, before_sensitive, after_sensitive };
}
