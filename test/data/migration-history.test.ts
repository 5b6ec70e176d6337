/**
 * The applied-migrations tables of every runner the gate supports, found automatically on a real
 * PostgreSQL and read the way each runner keeps them; and which migrations each environment lacks,
 * in both directions.
 */
import { Client } from 'pg';
import { compareMigrations } from '../../packages/parity/src/data/compare-data';
import type { DatabaseSnapshot, MigrationHistory } from '../../packages/parity/src/data/model';
import { readMigrationHistories } from '../../packages/parity/src/data/read-history';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';

let server: EmbeddedServer;
let client: Client;

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  client = new Client({ connectionString: server.url });
  await client.connect();
  await client.query(`
    CREATE TABLE pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL);
    INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000001_b', '2024-01-02'), ('1700000000000_a', '2024-01-01');
    CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz);
    CREATE TABLE knex_migrations_lock (index serial PRIMARY KEY, is_locked integer);
    INSERT INTO knex_migrations (name, batch) VALUES ('20240101000000_create_widgets.js', 1);
    CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL,
      tstamp timestamp DEFAULT now());
    INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (20240101, true), (20240102, true), (20240103,
      true), (20240103, false);
    CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
    INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240102000000');
    CREATE SCHEMA gm;
    CREATE TABLE gm.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
    INSERT INTO gm.schema_migrations VALUES (7, true);
    CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version varchar(50),
      description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer,
      installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL,
      success boolean NOT NULL);
    INSERT INTO flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'ci', now(), 5, true), (2, '2',
      'orders', 'SQL', 'V2__orders.sql', 2, 'ci', now(), 5, false), (3, NULL, 'views', 'SQL', 'R__views.sql', 3, 'ci', now(), 5,
      true);
    CREATE TABLE parity_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO parity_migrations (id) VALUES ('0002_b'), ('0001_a');`);
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

test('every runner is recognised by its table and columns, and read its own way', async () => {
  const histories = await readMigrationHistories(client);
  expect(histories.map((h) => [h.table, h.runner, h.applied, h.currentVersionOnly])).toEqual([
    ['gm.schema_migrations', 'golang-migrate', ['7 (dirty)'], true],
    ['public.flyway_schema_history', 'flyway', ['1', 'R views'], false],
    ['public.goose_db_version', 'goose', ['20240101', '20240102'], false],
    ['public.knex_migrations', 'knex', ['20240101000000_create_widgets.js'], false],
    ['public.parity_migrations', 'sql', ['0001_a', '0002_b'], false],
    ['public.pgmigrations', 'node-pg-migrate', ['1700000000000_a', '1700000000001_b'], false],
    ['public.schema_migrations', 'dbmate', ['20240101000000', '20240102000000'], false],
  ]);
});

const snapshot = (migrations: MigrationHistory[]) => ({ migrations }) as unknown as DatabaseSnapshot;
const history = (applied: string[], table = 'public.pgmigrations', runner = 'node-pg-migrate'): MigrationHistory => ({
  table,
  runner,
  applied,
  currentVersionOnly: runner === 'golang-migrate',
});

test('missing in both directions: a migration only prod has was run straight against prod', () => {
  const result = compareMigrations(
    new Map([
      ['prod', snapshot([history(['001', '002', 'hotfix'])])],
      ['staging', snapshot([history(['001', '002', '003'])])],
    ]),
  );
  expect(result).toEqual({ table: 'public.pgmigrations', missingIn: { prod: ['003'], staging: ['hotfix'] } });
});

test('a database without the table lacks every migration; two runners are told apart by table', () => {
  expect(
    compareMigrations(
      new Map([
        ['prod', snapshot([history(['001'])])],
        ['staging', snapshot([])],
      ]),
    ),
  ).toEqual({ table: 'public.pgmigrations', missingIn: { prod: [], staging: ['001'] } });
  const two = compareMigrations(
    new Map([
      ['prod', snapshot([history(['001']), history(['20240101'], 'public.goose_db_version', 'goose')])],
      ['staging', snapshot([history(['001'])])],
    ]),
  );
  expect(two).toEqual({
    table: 'public.goose_db_version, public.pgmigrations',
    missingIn: { prod: [], staging: ['public.goose_db_version: 20240101'] },
  });
});

test('golang-migrate keeps one version: the database behind, or dirty, lacks the newest', () => {
  const gm = (v: string) => snapshot([history([v], 'public.schema_migrations', 'golang-migrate')]);
  expect(
    compareMigrations(
      new Map([
        ['prod', gm('12')],
        ['staging', gm('9')],
      ]),
    ),
  ).toEqual({ table: 'public.schema_migrations', missingIn: { prod: [], staging: ['12'] } });
  expect(
    compareMigrations(
      new Map([
        ['prod', gm('12')],
        ['staging', gm('12 (dirty)')],
      ]),
    ),
  ).toEqual({ table: 'public.schema_migrations', missingIn: { prod: [], staging: ['12'] } });
});

test('nothing found anywhere: no table, nothing missing', () => {
  expect(
    compareMigrations(
      new Map([
        ['prod', snapshot([])],
        ['staging', snapshot([])],
      ]),
    ),
  ).toEqual({ table: null, missingIn: { prod: [], staging: [] } });
});
