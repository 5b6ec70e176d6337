/**
 * `--db NAME=URL`, `--db NAME=env:VAR` and `--db NAME` (inside this project: the endpoint from the
 * environment's SSM parameter and an IAM token). Parsed and checked before anything connects:
 * every bad form is exit 2 with the fix.
 */
import { readInputText } from '../shared/input-files';
import type { ClientConfig } from 'pg';
import { badInput } from '../shared/exit-error';
import type { DatabaseTarget } from './read-database';

export type DbSpec =
  | { readonly name: string; readonly form: 'url'; readonly url: string; readonly source: string }
  | { readonly name: string; readonly form: 'environment' };

const URL_FORM = '`--db NAME=postgresql://USER@HOST:PORT/DATABASE`, `--db NAME=env:VARIABLE`, or `--db NAME` for an environment of config/';

/** Hides the password of a connection URL (and any `password=` query parameter). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

function checkUrl(name: string, url: string, source: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol) || !parsed.hostname) {
    throw badInput(
      `a PostgreSQL URL for \`${name}\` (${URL_FORM})`,
      `${source ? `${source} ` : ''}\`${parsed ? redactUrl(url) : url.replace(/:[^:@/]*@/, ':***@')}\``,
      `Write it as \`--db ${name}=postgresql://parity_reader@HOST:5432/DATABASE?sslmode=require\`.`,
    );
  }
  return url;
}

/** Parses every `--db`; `env` is the process environment (for `env:VAR`). */
export function parseDbSpecs(values: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): DbSpec[] {
  const specs: DbSpec[] = [];
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
      throw badInput(
        URL_FORM,
        `\`--db ${raw.replace(/:[^:@/]*@/, ':***@')}\``,
        'Start with the environment name: `--db staging=postgresql://...`.',
      );
    if (specs.some((s) => s.name === name))
      throw badInput('each environment once in `--db`', `\`${name}\` twice`, `Pass \`--db ${name}\` only once.`);
    if (eq < 0) {
      specs.push({ name, form: 'environment' });
      continue;
    }
    const value = raw.slice(eq + 1);
    if (value.startsWith('env:')) {
      const variable = value.slice(4);
      const url = env[variable];
      if (!variable || !url)
        throw badInput(
          `environment variable \`${variable || 'VARIABLE'}\` holding the URL of \`${name}\``,
          variable ? 'it unset or empty' : 'no variable name',
          `Export it (\`export ${variable || 'STAGING_DATABASE_URL'}=postgresql://...\`) or pass the URL itself.`,
        );
      specs.push({ name, form: 'url', url: checkUrl(name, url, `\`${variable}\` holding`), source: `$${variable}` });
    } else {
      specs.push({ name, form: 'url', url: checkUrl(name, value, ''), source: 'URL' });
    }
  }
  return specs;
}

/** libpq's `PGSSLROOTCERT`: the CA bundle that signs the servers' certificates (for RDS, its global bundle). */
export function rootCertificate(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.PGSSLROOTCERT;
  if (!file) return undefined;
  return readInputText(file, {
    what: '`PGSSLROOTCERT` naming a readable PEM file of CA certificates',
    fix: 'Point it at the RDS CA bundle (global-bundle.pem), or unset it.',
  });
}

/** A database given by URL. `sslmode` in the URL is honoured by pg; PGSSLROOTCERT adds the CA bundle when TLS is asked for. */
export function urlTarget(name: string, url: string, ca?: string): DatabaseTarget {
  return {
    name,
    description: redactUrl(url),
    async connection(): Promise<ClientConfig> {
      const wantsTls = /[?&](sslmode=(require|verify-ca|verify-full)|ssl=(true|1))\b/.test(url);
      return { connectionString: url, ...(wantsTls && ca ? { ssl: { ca, rejectUnauthorized: true } } : {}) };
    },
  };
}
