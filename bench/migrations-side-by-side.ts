/**
 * Side by side on Eugene's labelled examples (../shared/corpus/migrations/kaaveland_eugene_*, split
 * at their `-- N.sql` lines, every table 500,000 rows in prod): this gate (run, --all, tables seeded
 * to 500,000 rows right after the migration creating them), squawk (static, the devDependency's
 * binary, `--assume-in-transaction`, any finding blocks as in squawk's exit status) and pgfence (npm
 * `@flvmnt/pgfence@0.1.5`, installed here into a temporary directory; static with a row-count stats
 * file and `--min-pg-version 16`; blocks what its `--ci --max-risk medium` fails: a check HIGH or
 * CRITICAL after its size adjustment, or a policy error). The static tools judge 2.sql onward (1.sql
 * is the schema prod has); the gate runs them all with `--all` and is scored on the same files. Recall (bad blocked), the right reason (the
 * reason names the example's real danger), specificity (good passed), with each verdict's reason.
 *
 *   node --import tsx bench/migrations-side-by-side.ts [ROWS=500000] > out.json
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrationGate } from '../packages/parity/src/migrations/gate';
import { startEmbeddedServer } from '../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../packages/parity/src/migrations/server/postgres-binaries';
import { eugeneCorpusDir, splitEugeneExamples, type EugeneExample } from '../test/migrations/support/eugene-corpus';
import { PROD_PG_VERSION } from '../test/support/this-project';

const pgfenceVersion = '0.1.5';

/** The real danger of each bad example, as words its reason must contain. */
const dangers: Record<string, RegExp> = {
  E1_bad: /not.valid|validat|table scan|reads .* rows/i,
  E2_bad: /not null/i,
  E5_bad: /type|rewrite/i,
  E6_bad: /concurrent/i,
  E7_bad: /unique|builds an index/i,
  E9_bad: /lock_timeout|lock timeout/i,
  E10_bad: /still holds .* on `authors`|authors.*(held|holding)/i,
  E11_bad: /rewrite|volatile/i,
  W12_bad: /not null/i,
};

interface Verdict {
  readonly blocks: boolean;
  readonly reason: string;
}

async function gateVerdict(example: EugeneExample, url: string, rows: number): Promise<Verdict & { ms: number }> {
  const started = performance.now();
  const report = await runMigrationGate({
    dir: example.dir,
    databaseUrl: url,
    allowNonEmpty: false,
    selection: { kind: 'all' },
    scale: 1,
    maxRows: rows,
    lockBudgetMs: 2000,
    totalBudgetMs: 30_000,
    squawk: { exclude: [], block: [] },
    declaredVersion: PROD_PG_VERSION,
  });
  const blocking = report.migrations
    .filter((m) => m.file !== 'V1__1.sql')
    .flatMap((m) => m.findings.filter((f) => f.level === 'blocking').map((f) => `${m.file} ${f.rule}: ${f.message}`));
  return {
    blocks: blocking.length > 0,
    reason: blocking.join(' | ') || 'no blocking finding',
    ms: Math.round(performance.now() - started),
  };
}

/** The files judged: from 2.sql on (1.sql is the schema prod already has, with its 500,000 rows). */
function files(example: EugeneExample): string[] {
  return readdirSync(example.dir)
    .filter((f) => f.endsWith('.sql') && f !== 'V1__1.sql')
    .sort((a, b) => Number(a.slice(1).split('__')[0]) - Number(b.slice(1).split('__')[0]))
    .map((f) => join(example.dir, f));
}

function squawkVerdict(example: EugeneExample): Verdict {
  const binary = require.resolve(`@squawk-cli/${process.platform}-${process.arch}/bin/squawk`);
  // Told that each file runs in a transaction (Flyway's default), as the gate tells it.
  const result = spawnSync(binary, ['--reporter', 'json', '--pg-version=16.8', '--assume-in-transaction', ...files(example)], {
    encoding: 'utf8',
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`squawk failed: ${result.stderr}`);
  const violations = JSON.parse(result.stdout) as { file: string; rule_name: string; message: string }[];
  return {
    blocks: violations.length > 0,
    reason: violations.map((v) => `${v.file.split('/').pop()} ${v.rule_name}: ${v.message}`).join(' | ') || 'no finding',
  };
}

function installPgfence(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-pgfence-'));
  execFileSync(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--silent', `@flvmnt/pgfence@${pgfenceVersion}`],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return join(dir, 'node_modules', '@flvmnt', 'pgfence', 'dist', 'index.js');
}

const riskOrder = ['SAFE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

function pgfenceVerdict(cli: string, example: EugeneExample, rows: number): Verdict {
  const stats = join(example.dir, 'pgfence-stats.json');
  writeFileSync(
    stats,
    JSON.stringify(example.tables.map((t) => ({ schemaName: 'public', tableName: t, rowCount: rows, totalBytes: rows * 64 }))),
  );
  const result = spawnSync(
    process.execPath,
    [cli, 'analyze', '--format', 'sql', '--output', 'json', '--min-pg-version', '16', '--stats-file', stats, ...files(example)],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`pgfence failed (${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout) as {
    results: {
      filePath: string;
      maxRisk: string;
      checks: { risk: string; adjustedRisk?: string; ruleId: string; message: string }[];
      policyViolations: { ruleId: string; severity: string; message: string }[];
    }[];
  };
  const reasons: string[] = [];
  for (const r of report.results) {
    const file = r.filePath.split('/').pop();
    // With the stats file, pgfence raises a check's risk by the table's size (`adjustedRisk`).
    for (const c of r.checks.filter((x) => riskOrder.indexOf(x.adjustedRisk ?? x.risk) > riskOrder.indexOf('MEDIUM')))
      reasons.push(`${file} ${c.ruleId} (${c.adjustedRisk ?? c.risk}): ${c.message}`);
    for (const v of r.policyViolations.filter((x) => x.severity === 'error'))
      reasons.push(`${file} ${v.ruleId} (policy error): ${v.message}`);
  }
  return { blocks: reasons.length > 0, reason: reasons.join(' | ') || 'nothing above MEDIUM' };
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 500_000);
  const corpus = eugeneCorpusDir();
  if (!corpus) {
    console.log(JSON.stringify({ skipped: '../shared/corpus/migrations is absent' }));
    return;
  }
  const examples = splitEugeneExamples(corpus, rows);
  const pgfence = installPgfence();
  const server = await startEmbeddedServer(embeddedPostgresBinaries());
  const rowsOut: Record<string, unknown>[] = [];
  try {
    for (const example of examples) {
      const gate = await gateVerdict(example, server.url, rows);
      const verdicts = { gate, squawk: squawkVerdict(example), pgfence: pgfenceVerdict(pgfence, example, rows) };
      rowsOut.push({
        example: example.name,
        label: example.label,
        ...Object.fromEntries(
          Object.entries(verdicts).map(([tool, v]) => [
            tool,
            { ...v, rightReason: example.label === 'bad' && v.blocks ? (dangers[example.name]?.test(v.reason) ?? false) : undefined },
          ]),
        ),
      });
      process.stderr.write(
        `${example.name}: gate ${gate.blocks ? 'blocks' : 'passes'} (${gate.ms} ms), squawk ` +
          `${verdicts.squawk.blocks ? 'blocks' : 'passes'}, pgfence ${verdicts.pgfence.blocks ? 'blocks' : 'passes'}\n`,
      );
    }
  } finally {
    await server.stop();
  }
  const score = (tool: string) => {
    const of = (label: string) => rowsOut.filter((r) => r.label === label).map((r) => r[tool] as Verdict & { rightReason?: boolean });
    return {
      badBlocked: `${of('bad').filter((v) => v.blocks).length}/${of('bad').length}`,
      forTheRightReason: `${of('bad').filter((v) => v.rightReason).length}/${of('bad').length}`,
      goodPassed: `${of('good').filter((v) => !v.blocks).length}/${of('good').length}`,
    };
  };
  console.log(
    JSON.stringify(
      {
        rows,
        pgfence: pgfenceVersion,
        squawk: execFileSync(require.resolve(`@squawk-cli/${process.platform}-${process.arch}/bin/squawk`), ['--version'], {
          encoding: 'utf8',
        }).trim(),
        scores: { gate: score('gate'), squawk: score('squawk'), pgfence: score('pgfence') },
        examples: rowsOut,
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
