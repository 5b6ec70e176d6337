/**
 * Seeding throughput of `parity data seed` (packages/parity/src/data/run-seed.ts → the gate's seeder in append
 * mode: indexes kept in place, keys after the existing ones, batches of 100,000 rows, each
 * committed; an empty table, with a superuser, takes the seeder's bulk path: indexes rebuilt after
 * the load) against the baseline of one plain server-side `INSERT ... SELECT ... FROM
 * generate_series` into the same 5-column table with the same two indexes in place, in the same
 * run on the same embedded server. Two cases: the table empty, and the table already holding 200
 * rows (staging's usual state: the append path). Alternates baseline and seed, RUNS times each;
 * prints medians as JSON.
 *
 *   node --import tsx bench/data-seed.ts [ROWS=500000] [RUNS=3]
 */
import { Client } from 'pg';
import { runDataSeed } from '../packages/parity/src/data/run-seed';
import { urlTarget } from '../packages/parity/src/data/targets';
import { benchOrdersInsert, benchOrdersProfile, benchOrdersTable as table } from './bench-orders-table';
import { startEmbeddedServer } from '../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../packages/parity/src/migrations/server/postgres-binaries';
import { median } from './migrations-median';

const rows = Number(process.argv[2] ?? 500_000);
const runs = Number(process.argv[3] ?? 3);

/**
 * The same rows with the seeder's scattered values (a multiplicative hash, as prod's keys are scattered): isolates the
 * seeder's own cost from the data's shape.
 */
const scattered = (from: number, to: number) =>
  `INSERT INTO bench_orders SELECT g, 1 + (g::bigint * 2654435761 + 104746) % 50000, ((g::bigint * 2654435761 + 209475) % 5)::text ` +
  `|| 'xxxxxxx', 1 + (g::bigint * 2654435761 + 314204) % 100000, timestamp '2020-01-01' + (g - 1) * interval '1 second' FROM ` +
  `generate_series(${from}, ${to}) g`;
const EXISTING = 200;
const profile = benchOrdersProfile(rows);

async function main(): Promise<void> {
  const server = await startEmbeddedServer(embeddedPostgresBinaries());
  const client = new Client({ connectionString: server.url });
  try {
    await client.connect();
    await client.query(table);
    const cases: Record<string, unknown> = {};
    for (const existing of [0, EXISTING]) {
      const baselineMs: number[] = [];
      const seedMs: number[] = [];
      const scatteredMs: number[] = [];
      let emptyTables = '';
      const reset = async () => {
        await client.query('TRUNCATE bench_orders');
        if (existing > 0) await client.query(benchOrdersInsert(1, existing));
        await client.query('CHECKPOINT');
      };
      for (let i = 0; i < runs; i++) {
        await reset();
        let t = performance.now();
        await client.query(benchOrdersInsert(existing + 1, existing + rows));
        baselineMs.push(performance.now() - t);
        await reset();
        t = performance.now();
        await client.query(scattered(existing + 1, existing + rows));
        scatteredMs.push(performance.now() - t);
        await reset();
        t = performance.now();
        const result = await runDataSeed({
          target: urlTarget('staging', server.url),
          production: [],
          profile: { tables: { bench_orders: { ...profile.tables.bench_orders!, rows: existing + rows } } },
          dryRun: false,
        });
        seedMs.push(performance.now() - t);
        emptyTables = result.emptyTables;
        if (result.tables[0]?.added !== rows) throw new Error(`expected ${rows} rows added, found ${JSON.stringify(result.tables)}`);
      }
      const b = median(baselineMs);
      const s = median(seedMs);
      cases[existing === 0 ? 'emptyTable' : `tableHolding${existing}Rows`] = {
        path: existing === 0 ? `${emptyTables} (empty table)` : 'append',
        baselineMedianMs: Math.round(b),
        seedMedianMs: Math.round(s),
        baselineRowsPerSecond: Math.round(rows / (b / 1000)),
        seedRowsPerSecond: Math.round(rows / (s / 1000)),
        ratio: Math.round((b / s) * 100) / 100,
        scatteredBaselineMedianMs: Math.round(median(scatteredMs)),
        ratioToScattered: Math.round((median(scatteredMs) / s) * 100) / 100,
        baselineMs: baselineMs.map(Math.round),
        scatteredMs: scatteredMs.map(Math.round),
        seedMs: seedMs.map(Math.round),
      };
    }
    console.log(
      JSON.stringify(
        {
          rows,
          runs,
          ...cases,
          loadAverage: require('node:os')
            .loadavg()
            .map((l: number) => Math.round(l * 100) / 100),
        },
        null,
        2,
      ),
    );
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
  }
}

void main();
