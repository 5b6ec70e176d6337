/**
 * Seeding throughput: the gate's seeder (packages/parity/src/migrations/run/seeder.ts) against the baseline of a
 * plain server-side `INSERT ... SELECT ... FROM generate_series` into the same 5-column table with
 * two indexes (primary key + one secondary), in the same run on the same embedded server.
 * Alternates baseline and seeder, `RUNS` times each; prints medians as JSON.
 *
 *   node --import tsx bench/migrations-seeding.ts [ROWS=1000000] [RUNS=5]
 */
import { Client } from 'pg';
import { median } from './migrations-median';
import { seedTables } from '../packages/parity/src/migrations/run/seeder';
import { startEmbeddedServer } from '../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../packages/parity/src/migrations/server/postgres-binaries';
import { benchOrdersInsert, benchOrdersProfile, benchOrdersTable as table } from './bench-orders-table';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);

const baseline = benchOrdersInsert(1, rows);
const profile = benchOrdersProfile(rows);

async function main(): Promise<void> {
  const server = await startEmbeddedServer(embeddedPostgresBinaries());
  const client = new Client({ connectionString: server.url });
  try {
    await client.connect();
    await client.query(table);
    const baselineMs: number[] = [];
    const seederMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      await client.query('TRUNCATE bench_orders');
      await client.query('CHECKPOINT');
      let t = performance.now();
      await client.query(baseline);
      baselineMs.push(performance.now() - t);
      await client.query('TRUNCATE bench_orders');
      await client.query('CHECKPOINT');
      t = performance.now();
      await seedTables(client, profile, new Map([['bench_orders', rows]]));
      seederMs.push(performance.now() - t);
    }
    const indexes = (await client.query("SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'bench_orders'")).rows[0].n;
    const b = median(baselineMs);
    const s = median(seederMs);
    console.log(
      JSON.stringify(
        {
          rows,
          runs,
          indexesAfterSeeding: indexes,
          baselineMedianMs: Math.round(b),
          seederMedianMs: Math.round(s),
          baselineRowsPerSecond: Math.round(rows / (b / 1000)),
          seederRowsPerSecond: Math.round(rows / (s / 1000)),
          ratio: Math.round((b / s) * 100) / 100,
          baselineMs: baselineMs.map(Math.round),
          seederMs: seederMs.map(Math.round),
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
