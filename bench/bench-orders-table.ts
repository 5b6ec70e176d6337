/**
 * The table both seeding benchmarks fill (bench/migrations-seeding.ts, bench/data-seed.ts): five
 * columns, a primary key and one secondary index; its `generate_series` baseline insert; and the
 * data profile the seeder is given for it.
 */
import type { DataProfile } from '../packages/parity/src/migrations/profile';

export const benchOrdersTable = `CREATE TABLE bench_orders (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total_cents bigint NOT NULL, created_at timestamptz NOT NULL);
CREATE INDEX bench_orders_customer_idx ON bench_orders (customer_id)`;

/** The baseline: one plain server-side insert of the ids `from`..`to`. */
export const benchOrdersInsert = (from: number, to: number): string =>
  `INSERT INTO bench_orders SELECT g, g % 50000, 'status-' || (g % 5), g * 7 % 100000, timestamp '2020-01-01' + g * interval '1 ` +
  `second' FROM generate_series(${from}, ${to}) g`;

export function benchOrdersProfile(rows: number): DataProfile {
  return {
    tables: {
      bench_orders: {
        rows,
        columns: {
          customer_id: { nullFraction: 0, distinct: 50000, avgWidth: 8 },
          status: { nullFraction: 0, distinct: 5, avgWidth: 9 },
          total_cents: { nullFraction: 0, distinct: 100000, avgWidth: 8 },
          created_at: { nullFraction: 0, distinct: -1, avgWidth: 8 },
        },
      },
    },
  };
}
