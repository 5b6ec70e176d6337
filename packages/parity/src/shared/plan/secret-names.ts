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

const NONE: ReadonlySet<string> = new Set();
const NO_MARKS: { readonly [key: string]: ValueMarks } = Object.freeze(Object.create(null) as { [key: string]: ValueMarks });

/** Secret-name answers by key: a plan repeats the same few hundred keys many thousand times. */
const secretByKey = new Map<string, boolean>();
function secretKey(key: string): boolean {
  let secret = secretByKey.get(key);
  if (secret === undefined) {
    secret = isSecretName(key);
    if (secretByKey.size < 100_000) secretByKey.set(key, secret);
  }
  return secret;
}

/** The marks of `value` with every secret-named key below it marked too (the same object when nothing changes). */
function withNames(value: JsonValue | undefined, marks: ValueMarks, extra: ReadonlySet<string>): ValueMarks {
  if (marks === true || value === null || value === undefined || typeof value !== 'object') return marks;
  if (Array.isArray(value)) {
    const given = Array.isArray(marks) ? marks : undefined;
    let out: ValueMarks[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const before = given?.[i];
      const next = withNames(value[i], before, NONE);
      if (next !== before) (out ??= given ? [...given] : [])[i] = next;
    }
    return out ?? marks;
  }
  const given = marks && typeof marks === 'object' && !Array.isArray(marks) ? (marks as { [key: string]: ValueMarks }) : NO_MARKS;
  let out: { [key: string]: ValueMarks } | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = value[key];
    const before = Object.hasOwn(given, key) ? given[key] : undefined;
    const next = child !== null && (secretKey(key) || extra.has(key)) ? true : withNames(child, before, NONE);
    if (next === before) continue;
    out ??= { ...given };
    if (key === '__proto__') Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    else out[key] = next;
  }
  return out ?? marks;
}

/** Keys masked on one side because of the resource's type and its other values. */
const SSM_VALUE: ReadonlySet<string> = new Set(['value']);

function typeSecrets(type: string, value: JsonValue | undefined): ReadonlySet<string> {
  if (type === 'aws_ssm_parameter' && isObject(value)) {
    const ssmType = value.type;
    if (!(typeof ssmType === 'string' && PLAIN_SSM_TYPES.has(ssmType))) return SSM_VALUE;
  }
  return NONE;
}

/** The change with secret-named attributes marked sensitive on both sides (unchanged when none). */
export function withSecretMarks(change: RawChange | undefined, type: string): RawChange | undefined {
  if (!change) return change;
  // The SSM type may be known on one side only (created: after; deleted: before): either counts.
  const before = typeSecrets(type, change.before);
  const ssm = before.size > 0 ? before : typeSecrets(type, change.after);
  const before_sensitive = withNames(change.before, change.before_sensitive, ssm);
  const after_sensitive = withNames(change.after, change.after_sensitive, ssm);
  if (before_sensitive === change.before_sensitive && after_sensitive === change.after_sensitive) return change;
  return { ...change, before_sensitive, after_sensitive };
}
