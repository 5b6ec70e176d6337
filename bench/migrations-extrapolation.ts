/**
 * Extrapolation accuracy: the gate's samples (1M rows and a sixth of it) estimate a 5M-row index
 * build and a 5M-row table rewrite; then both are measured for real at 5M rows. Every time is the
 * median of 3 runs (this machine is shared; single runs vary by ±50%). Same seeder, same
 * tracer (traceTransaction) and same estimator (extrapolate) as the gate. Prints JSON.
 *
 *   node --import tsx bench/migrations-extrapolation.ts [PROD_ROWS=5000000] [SAMPLE_ROWS=1000000]
 */
import { Client } from 'pg';
import { median } from './migrations-median';
import { smallSampleDivisor } from '../packages/parity/src/migrations/gate';
import { extrapolate } from '../packages/parity/src/migrations/run/extrapolate';
import { knownTables, traceTransaction } from '../packages/parity/src/migrations/run/lock-tracer';
import { seedTables } from '../packages/parity/src/migrations/run/seeder';
import { startEmbeddedServer } from '../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../packages/parity/src/migrations/server/postgres-binaries';
import type { DataProfile } from '../packages/parity/src/migrations/profile';
import type { GrowthModel } from '../packages/parity/src/migrations/source/statement-facts';

const prodRows = Number(process.argv[2] ?? 5_000_000);
const sampleRows = Number(process.argv[3] ?? 1_000_000);

const schema = `CREATE TABLE bench_events (
  id bigint PRIMARY KEY, account_id bigint NOT NULL, label text NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL)`;
/** Each statement is timed `repeats` times at each size (undone in between, untimed); the median counts. */
const repeats = 3;
const statements: { name: string; sql: string; undo: string; model: GrowthModel }[] = [
  {
    name: 'index build',
    sql: 'CREATE INDEX bench_events_label_idx ON bench_events (label, created_at)',
    undo: 'DROP INDEX bench_events_label_idx',
    model: 'n-log-n',
  },
  {
    name: 'table rewrite',
    sql: 'ALTER TABLE bench_events ALTER COLUMN amount TYPE numeric(16,2)',
    undo: 'ALTER TABLE bench_events ALTER COLUMN amount TYPE bigint',
    model: 'linear',
  },
];

const profile = (rows: number): DataProfile => ({
  tables: {
    bench_events: {
      rows,
      columns: {
        account_id: { nullFraction: 0, distinct: -0.2, avgWidth: 8 },
        label: { nullFraction: 0, distinct: -0.5, avgWidth: 24 },
        amount: { nullFraction: 0, distinct: 100000, avgWidth: 8 },
        created_at: { nullFraction: 0, distinct: -1, avgWidth: 8 },
      },
    },
  },
});

async function measureAt(adminUrl: string, admin: Client, rows: number): Promise<number[]> {
  const name = `bench_${rows}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const client = new Client({ connectionString: adminUrl.replace(/\/postgres$/, `/${name}`) });
  await client.connect();
  try {
    await client.query(schema);
    await seedTables(client, profile(rows), new Map([['bench_events', rows]]));
    await client.query('ANALYZE');
    await client.query('CHECKPOINT');
    const times: number[] = [];
    for (const s of statements) {
      const runs: number[] = [];
      for (let i = 0; i < repeats; i++) {
        await client.query('CHECKPOINT');
        runs.push((await traceTransaction(client, [s.sql], await knownTables(client), false))[0]!.durationMs);
        if (i < repeats - 1) await client.query(s.undo);
      }
      times.push(median(runs));
    }
    return times;
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE ${name}`);
  }
}

async function main(): Promise<void> {
  const server = await startEmbeddedServer(embeddedPostgresBinaries());
  const admin = new Client({ connectionString: server.url });
  try {
    await admin.connect();
    const smallRows = Math.ceil(sampleRows / smallSampleDivisor);
    const small = await measureAt(server.url, admin, smallRows);
    const full = await measureAt(server.url, admin, sampleRows);
    const real = await measureAt(server.url, admin, prodRows);
    const results = statements.map((s, i) => {
      const estimate = extrapolate(
        s.model,
        [
          { rows: smallRows, ms: small[i]! },
          { rows: sampleRows, ms: full[i]! },
        ],
        prodRows,
      );
      const error = (ms: number) => Math.round(((ms - real[i]!) / real[i]!) * 1000) / 10;
      return {
        statement: s.name,
        sql: s.sql,
        measuredMs: { [smallRows]: Math.round(small[i]!), [sampleRows]: Math.round(full[i]!), [prodRows]: Math.round(real[i]!) },
        estimateMs: estimate,
        errorPercent: { low: error(estimate.low), high: error(estimate.high) },
        actualWithinRange: real[i]! >= estimate.low && real[i]! <= estimate.high,
      };
    });
    console.log(JSON.stringify({ prodRows, sampleRows, smallRows, results }, null, 2));
  } finally {
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}

void main();
