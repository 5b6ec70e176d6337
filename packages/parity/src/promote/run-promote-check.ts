/**
 * `parity promote check` as a function: may `to` (prod) get what this checkout would apply?
 *
 * (a) `from`'s live fingerprint (read with its read-only role) equals the fingerprint of this
 *     checkout's `to` stack: staging already runs exactly this platform;
 * (b) `from`'s fingerprint parameter was last written at least `minSoakHours` ago: it has run
 *     that long (Terraform writes it, so the time is that of the last successful apply);
 * (c) with a database URL, `from`'s database has every migration this checkout expects.
 *
 * Bad input throws an ExitError (exit 2) before any call; anything that could not be read makes
 * the decision `unreadable` (exit 3), never a pass.
 */
import { existsSync, statSync } from 'node:fs';
import { ExitCode, badInput, type ExitCodeValue } from '../shared/exit-error';
import { DEFAULT_DEADLINE_MS } from '../drift/aws-clients';
import { Deadline } from '../drift/deadline';
import { sumCalls } from '../drift/call-counter';
import type { AccountAccess } from '../drift/drift-environment';
import type { CheckoutFingerprints } from './checkout-fingerprints';
import type { PromoteCheck, PromoteReport } from './promote-report';
import { readLiveFingerprint, type LiveFingerprint } from './read-live-fingerprint';

/** An environment promote can read from or promote to. */
export interface PromoteEnvironment extends AccountAccess {
  /** Environments of one parity group build the same platform: only within one can a fingerprint prove another. */
  readonly parityGroup: string;
  /** The full name of the SSM String parameter its stack publishes the fingerprint in (`/orders/staging/PLATFORM_FINGERPRINT`). */
  readonly fingerprintParameter: string;
}

/** Every environment promote knows of (a project module's `promoteTarget()`, or a `--target` file: promote-target-file.ts). */
export interface PromoteTarget {
  readonly environments: readonly PromoteEnvironment[];
  /**
   * Where the environments are declared, for error messages (`config/environments.ts`).
   * @default 'the promote target'
   */
  readonly source?: string;
}

export interface PromoteOptions {
  /** The environments and their parity groups. */
  readonly target: PromoteTarget;
  /** The environment that must already run the change (`staging`). */
  readonly from: string;
  /** The environment about to get it (`prod`). */
  readonly to: string;
  /** Hours `from`'s fingerprint must have been in place. @default 0 */
  readonly minSoakHours?: number;
  /** `from`'s database: when given, it must have every migration of `migrationsDir`. */
  readonly databaseUrl?: string;
  /** The migrations this checkout expects. @default 'migrations' */
  readonly migrationsDir?: string;
  /** Their tool (`sql`, `node-pg-migrate`, `knex`). @default 'sql' */
  readonly tool?: string;
  /** Total time for reading `from`'s account, retries included. @default 60 000 ms */
  readonly deadlineMs?: number;
  /** The moment the soak is measured against. @default now */
  readonly now?: Date;
  /**
   * The fingerprints of this checkout's stacks, by environment, or how to get them for the two
   * environments (called after the options are validated: bad input exits 2 before a synthesis).
   */
  readonly checkout: CheckoutFingerprints | ((environments: readonly string[]) => CheckoutFingerprints);
}

const HOUR_MS = 3_600_000;

function validate(options: PromoteOptions): { from: PromoteEnvironment; to: PromoteEnvironment } {
  const { environments, source = 'the promote target' } = options.target;
  const names = environments.map((e) => e.name);
  const find = (option: string, name: string) => {
    const env = environments.find((e) => e.name === name);
    if (!env)
      throw badInput(
        `\`--${option}\` one of the environments in ${source} (${names.join(', ')})`,
        `\`${name}\``,
        'Run e.g. `npx parity promote check --from staging --to prod`.',
      );
    return env;
  };
  const from = find('from', options.from);
  const to = find('to', options.to);
  if (from.name === to.name)
    throw badInput(
      '`--from` and `--to` two different environments',
      `\`${from.name}\` twice`,
      'Run e.g. `npx parity promote check --from staging --to prod`.',
    );
  if (from.parityGroup !== to.parityGroup) {
    throw badInput(
      `\`--from\` in the parity group of \`${to.name}\` (\`${to.parityGroup}\`), whose fingerprint can equal prod's`,
      `\`${from.name}\` in \`${from.parityGroup}\``,
      `Promote from an environment of \`${to.parityGroup}\`: ${
        environments
          .filter((e) => e.parityGroup === to.parityGroup && e.name !== to.name)
          .map((e) => `\`${e.name}\``)
          .join(', ') || `none (add one to ${source})`
      }.`,
    );
  }
  const soak = options.minSoakHours ?? 0;
  if (!Number.isFinite(soak) || soak < 0)
    throw badInput('`--min-soak` a number of hours, 0 or more', `\`${soak}\``, 'Run again with e.g. `--min-soak 24`.');
  if (options.databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\/[^/]/.test(options.databaseUrl)) {
      throw badInput(
        `\`--database-url\` of \`${from.name}\`'s database as \`postgresql://USER:PASSWORD@HOST:PORT/DATABASE\``,
        `\`${options.databaseUrl.replace(/:[^:@/]*@/, ':***@')}\``,
        'Fix the URL, or leave `--database-url` out to skip the migrations check.',
      );
    }
    // Loaded only with a database URL: the migration adapters pull in the SQL parser.
    (require('../migrations/source/load') as typeof import('../migrations/source/load')).adapterNamed(options.tool ?? 'sql');
    const dir = options.migrationsDir ?? 'migrations';
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw badInput(`a migrations directory at \`${dir}\``, 'no such directory', 'Pass `--migrations-dir PATH` (default `migrations`).');
  }
  return { from, to };
}

function short(fingerprint: string): string {
  return fingerprint.replace(/^sha256:(.{12}).*$/, 'sha256:$1…');
}

function fingerprintCheck(live: LiveFingerprint, expected: string, checkoutFrom: string, from: string, to: string): PromoteCheck {
  const apply =
    `Apply this revision to \`${from}\` first and let the apply succeed (your deploy pipeline's \`${from}\` ` +
    `job, or \`npx cdktf deploy ${from}\`), then check again.`;
  const parityBroken =
    checkoutFrom !== expected
      ? ` This checkout's own \`${from}\` and \`${to}\` stacks differ (${short(checkoutFrom)} and ${short(expected)}), ` +
        `so no apply to \`${from}\` can prove \`${to}\`'s change: ` +
        `run \`npx parity check\` and make parity hold.`
      : '';
  if (live.status === 'unreadable')
    return {
      status: 'unreadable',
      detail: `\`${from}\`'s fingerprint could not be read: ${live.reason}`,
      fix:
        `Check \`readOnlyRoleArn\` of \`${from}\` and its access to ${live.parameter}, ` +
        `then run again; an unknown fingerprint is never a pass.`,
    };
  if (live.status === 'missing')
    return {
      status: 'fail',
      detail: `\`${from}\` has no ${live.parameter}: no apply of a stack that publishes the fingerprint has succeeded there.`,
      fix: apply + parityBroken,
    };
  if (live.value === expected)
    return { status: 'pass', detail: `\`${from}\` runs ${live.value}, the fingerprint of what this checkout would apply to \`${to}\`.` };
  return {
    status: 'fail',
    detail:
      `\`${from}\` runs ${live.value}, ` +
      `but this checkout would apply ${expected} to \`${to}\`: ` +
      `\`${from}\` has not applied this platform (or its last apply failed).`,
    fix: apply + parityBroken,
  };
}

function soakCheck(live: LiveFingerprint, matches: boolean, minSoakHours: number, now: Date, from: string): PromoteCheck {
  if (live.status !== 'read' || !matches)
    return { status: 'not-checked', detail: `\`${from}\` does not run what would be promoted: there is no soak to measure.` };
  if (!live.writtenAt)
    return {
      status: 'unreadable',
      detail: `AWS returned no LastModifiedDate for ${live.parameter}.`,
      fix: 'Run again; an unknown soak time is never a pass.',
    };
  const hours = (now.getTime() - live.writtenAt.getTime()) / HOUR_MS;
  const since = `${live.writtenAt.toISOString()} (${hours.toFixed(1)} h ago)`;
  if (hours >= minSoakHours)
    return {
      status: 'pass',
      detail:
        `\`${from}\` has run it since ${since}` +
        `${minSoakHours > 0 ? `, at least the ${minSoakHours} h \`--min-soak\` asks` : '; no `--min-soak` asked'}.`,
    };
  const ready = new Date(live.writtenAt.getTime() + minSoakHours * HOUR_MS).toISOString();
  return {
    status: 'fail',
    detail: `\`${from}\` has run it only since ${since}; \`--min-soak ${minSoakHours}\` needs ${(minSoakHours - hours).toFixed(1)} h more.`,
    fix: `Wait until ${ready} and run again (or lower \`--min-soak\`).`,
  };
}

/** The URL with a server-side `statement_timeout` for the preflight's own queries, unless the URL sets `options` itself. */
function boundedUrl(url: string, milliseconds: number): string {
  const bounded = new URL(url);
  if (!bounded.searchParams.has('options')) bounded.searchParams.set('options', `-c statement_timeout=${milliseconds}`);
  return bounded.toString();
}

async function migrationsCheck(options: PromoteOptions, from: string): Promise<PromoteCheck> {
  if (options.databaseUrl === undefined)
    return { status: 'not-checked', detail: 'no `--database-url` given: the migrations of `' + from + '` were not checked.' };
  const deadline = new Deadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  try {
    const { runPreflight } = require('../migrations/preflight') as typeof import('../migrations/preflight');
    const preflight = runPreflight({
      databaseUrl: boundedUrl(options.databaseUrl, deadline.milliseconds),
      dir: options.migrationsDir ?? 'migrations',
      tool: options.tool ?? 'sql',
      environment: { name: from, source: options.target.source ?? 'the promote target' },
    });
    const result = await deadline.race(preflight);
    if (result.missing.length === 0)
      return {
        status: 'pass',
        detail: `\`${from}\`'s database \`${result.target.database}\` has all ${result.expected.length} migrations this checkout expects.`,
      };
    return {
      status: 'fail',
      detail:
        `\`${from}\`'s database \`${result.target.database}\` ` +
        `lacks ${result.missing.length} of the ${result.expected.length} ` +
        `migrations this checkout expects: ${result.missing.join(', ')}.`,
      fix: `Run \`${from}\`'s migrations (its migrations job) so that they are proven there before \`${options.to}\`, then check again.`,
    };
  } catch (error) {
    return {
      status: 'unreadable',
      detail: `\`${from}\`'s database could not be read: ${(error as Error).message}`,
      fix: 'Check the URL, the network path and the credentials; an unreadable database is never a pass.',
    };
  } finally {
    deadline.clear();
  }
}

export async function runPromoteCheck(options: PromoteOptions): Promise<PromoteReport> {
  const { from, to } = validate(options);
  const now = options.now ?? new Date();
  const minSoakHours = options.minSoakHours ?? 0;
  const checkout = typeof options.checkout === 'function' ? options.checkout([from.name, to.name]) : options.checkout;
  const expected = checkout.get(to.name);
  const checkoutFrom = checkout.get(from.name);
  if (!expected || !checkoutFrom) throw new Error(`no fingerprint for ${expected ? from.name : to.name} in this checkout's synthesis`);
  const [{ fingerprint: live, calls }, migrations] = await Promise.all([
    readLiveFingerprint(from, from.fingerprintParameter, { deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS }),
    migrationsCheck(options, from.name),
  ]);
  const fingerprint = fingerprintCheck(live, expected, checkoutFrom, from.name, to.name);
  const soak = soakCheck(live, fingerprint.status === 'pass', minSoakHours, now, from.name);
  const checks = { fingerprint, soak, migrations };
  const statuses = Object.values(checks).map((c) => c.status);
  const decision = statuses.includes('unreadable') ? 'unreadable' : statuses.includes('fail') ? 'refused' : 'promote';
  return {
    schemaVersion: 1,
    from: from.name,
    to: to.name,
    decision,
    checks,
    fingerprints: {
      expected,
      checkoutFrom,
      live: live.status === 'read' ? live.value : null,
      ...(live.status === 'read' && live.writtenAt ? { liveWrittenAt: live.writtenAt.toISOString() } : {}),
    },
    minSoakHours,
    checkedAt: now.toISOString(),
    calls,
    totals: sumCalls([calls]),
  };
}

/** 0 promote, 1 refused, 3 unreadable. */
export function promoteExitCode(report: PromoteReport): ExitCodeValue {
  return report.decision === 'promote' ? ExitCode.ok : report.decision === 'refused' ? ExitCode.findings : ExitCode.unreadable;
}
