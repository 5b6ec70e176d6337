/**
 * `data check` of two databases of TABLES tables × 20 columns with 2 × TABLES indexes each (500 →
 * 1,000 indexes), on two embedded servers, against the 3 s budget. Prints medians as JSON:
 * the whole check in-process (connect, read both catalogs concurrently, compare), the catalog read
 * alone per database, the CLI as a user runs it (`node ... main.ts data check`, Node's start
 * included, beside the same CLI started and reading nothing), and, when MIGRA_MODULE names an installed `@pgkit/migra`,
 * its schema diff of the same
 * pair in the same run (the library the issue suggests, measured, not used: see docs/benchmarks/data.md).
 *
 *   node --import tsx bench/data-check.ts [TABLES=500] [RUNS=5]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEFAULT_VOLUME_POLICY } from '../packages/parity/src/data/compare-data';
import { runDataCheck } from '../packages/parity/src/data/run-check';
import { urlTarget } from '../packages/parity/src/data/targets';
import { startEmbeddedServer } from '../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../packages/parity/src/migrations/server/postgres-binaries';
import { benchSchemaSql } from './data-schema';
import { median } from './migrations-median';

const tables = Number(process.argv[2] ?? 500);
const runs = Number(process.argv[3] ?? 5);

async function main(): Promise<void> {
  const binaries = embeddedPostgresBinaries();
  const prod = await startEmbeddedServer(binaries);
  const staging = await startEmbeddedServer(binaries);
  try {
    for (const [server, variant] of [
      [prod, 'prod'],
      [staging, 'staging'],
    ] as const) {
      const client = new Client({ connectionString: server.url });
      await client.connect();
      await client.query(benchSchemaSql(tables, variant));
      const counts = (
        await client.query(
          "SELECT (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname LIKE 'bench\\_%')::int AS " +
            "indexes, (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname LIKE 'bench\\_%' " +
            "AND c.relkind = 'r' AND a.attnum > 0)::int AS columns",
        )
      ).rows[0];
      console.error(`${variant}: ${tables} tables, ${counts.columns} columns, ${counts.indexes} indexes`);
      await client.end();
    }
    const targets = [urlTarget('prod', prod.url), urlTarget('staging', staging.url)];
    const settings = ['deadlock_timeout', 'statement_timeout', 'max_connections', 'work_mem'];
    const wholeMs: number[] = [];
    const catalogMs: { prod: number[]; staging: number[] } = { prod: [], staging: [] };
    let differences = 0;
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      const report = await runDataCheck({
        databases: targets,
        reference: 'prod',
        settings,
        exactCounts: false,
        volumePolicy: DEFAULT_VOLUME_POLICY,
      });
      if (i === 0) continue; // warm-up: first catalog reads from cold caches
      wholeMs.push(performance.now() - started);
      catalogMs.prod.push(report.timings.prod!);
      catalogMs.staging.push(report.timings.staging!);
      differences = report.schema.differences.length;
    }
    const cliMs: number[] = [];
    const startMs: number[] = [];
    const root = join(__dirname, '..');
    for (let i = 0; i < runs; i++) {
      // Baseline: the same CLI started with the same config, reading nothing (`--help`).
      let started = performance.now();
      spawnSync(
        process.execPath,
        ['--require', './scripts/register-typescript.cjs', 'packages/parity/src/cli/main.ts', 'data', 'check', '--help'],
        { cwd: root, encoding: 'utf8' },
      );
      startMs.push(performance.now() - started);
      started = performance.now();
      const cli = spawnSync(
        process.execPath,
        [
          '--require',
          './scripts/register-typescript.cjs',
          'packages/parity/src/cli/main.ts',
          'data',
          'check',
          '--db',
          `prod=${prod.url}`,
          '--db',
          `staging=${staging.url}`,
          '--format',
          'json',
          '--output',
          '/dev/null',
        ],
        { cwd: root, encoding: 'utf8' },
      );
      cliMs.push(performance.now() - started);
      if (cli.status !== 1) throw new Error(`expected exit 1 (differences), found ${cli.status}: ${cli.stderr}`);
    }
    const migraMs: number[] = [];
    if (process.env.MIGRA_MODULE) {
      const { run } = require(process.env.MIGRA_MODULE) as { run: (a: string, b: string, o: object) => Promise<{ statements: unknown[] }> };
      for (let i = 0; i < Math.min(runs, 3); i++) {
        const started = performance.now();
        await run(staging.url, prod.url, { unsafe: true });
        migraMs.push(performance.now() - started);
      }
    }
    const round = (ms: number[]) => ms.map(Math.round);
    console.log(
      JSON.stringify(
        {
          tables,
          columnsPerTable: 20,
          indexesPerDatabase: 2 * tables,
          runs,
          differences,
          checkMedianMs: Math.round(median(wholeMs)),
          checkMs: round(wholeMs),
          catalogReadMedianMs: { prod: Math.round(median(catalogMs.prod)), staging: Math.round(median(catalogMs.staging)) },
          cliMedianMs: Math.round(median(cliMs)),
          cliMs: round(cliMs),
          cliStartMedianMs: Math.round(median(startMs)),
          cliStartMs: round(startMs),
          ...(migraMs.length ? { migraMedianMs: Math.round(median(migraMs)), migraMs: round(migraMs) } : {}),
          loadAverage: require('node:os')
            .loadavg()
            .map((l: number) => Math.round(l * 100) / 100),
        },
        null,
        2,
      ),
    );
  } finally {
    await prod.stop();
    await staging.stop();
    // @pgkit/migra keeps its pools open.
    setTimeout(() => process.exit(0), 100).unref();
  }
}

void main();
