/** Reads every schema object `data check` compares, with the DDL that would create it, from one database. */
import type { Client } from 'pg';
import * as q from './catalog-queries';
import { addConstraint, columnClause, concurrently, createPolicy, policyCommands } from './ddl';
import { objectKey, type SchemaObject } from './model';
import { literal, qualified, quoteIdent } from './sql-names';

/** Rows of the queries of catalog-queries.ts, as pg returns them: `"char"` and `name` as strings, arrays as arrays. */
type ExtensionRow = { name: string; version: string; schema: string };
type SchemaRow = { schema: string };
type EnumRow = { schema: string; name: string; labels: string[] };
type SequenceRow = {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
};
type ColumnRow = {
  schema: string;
  table: string;
  name: string;
  type: string;
  not_null: boolean;
  default: string | null;
  generated: string | null;
  identity: string;
  collation: string | null;
};
type TableRow = {
  schema: string;
  name: string;
  kind: string;
  rls: boolean;
  persistence: string;
  partition_key: string | null;
  partition_of: string | null;
  partition_bound: string | null;
};
type ConstraintRow = { schema: string; table: string; name: string; type: string; definition: string; validated: boolean };
type IndexRow = { schema: string; name: string; table: string; table_kind: string; definition: string; valid: boolean };
type ViewRow = { schema: string; name: string; kind: string; definition: string };
type FunctionRow = {
  schema: string;
  name: string;
  arguments: string;
  kind: string;
  result: string | null;
  language: string;
  body_hash: string;
  volatility: string;
  security_definer: boolean;
  config: string[];
  definition: string;
};
type TriggerRow = { schema: string; table: string; name: string; definition: string; enabled: string };
type PolicyRow = {
  schema: string;
  table: string;
  name: string;
  command: string;
  permissive: boolean;
  roles: string[];
  using: string | null;
  with_check: string | null;
};

const identities: Record<string, string> = { a: 'always', d: 'by default' };
const volatilities: Record<string, string> = { i: 'immutable', s: 'stable', v: 'volatile' };
const triggerStates: Record<string, string> = { O: 'enabled', D: 'disabled', R: 'replica', A: 'always' };

async function rows<Row>(client: Client, sql: string, values?: unknown[]): Promise<Row[]> {
  return (await client.query(sql, values)).rows as Row[];
}

function columnOf(r: ColumnRow) {
  return {
    name: r.name,
    type: r.type,
    collation: r.collation,
    generated: r.generated,
    identity: identities[r.identity] ?? null,
    default: r.default,
    notNull: r.not_null,
  };
}

export async function readSchemaObjects(client: Client): Promise<SchemaObject[]> {
  const objects: SchemaObject[] = [];
  const tableKey = (r: { schema: string; table: string }) => objectKey('table', `${r.schema}.${r.table}`);

  for (const r of await rows<ExtensionRow>(client, q.extensionsSql)) {
    objects.push({
      kind: 'extension',
      name: r.name,
      attributes: { version: r.version },
      facts: { ident: r.name },
      create: `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(r.name)} WITH SCHEMA ${quoteIdent(r.schema)} VERSION ${literal(r.version)};`,
    });
  }
  for (const r of await rows<SchemaRow>(client, q.schemasSql)) {
    objects.push({ kind: 'schema', name: r.schema, attributes: {}, create: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(r.schema)};` });
  }
  const schemaParent = (schema: string) => objectKey('schema', schema);
  for (const r of await rows<EnumRow>(client, q.enumsSql)) {
    const name = qualified(r.schema, r.name);
    objects.push({
      kind: 'enum',
      name: `${r.schema}.${r.name}`,
      parent: schemaParent(r.schema),
      attributes: { labels: r.labels },
      facts: { qualified: name },
      create: `CREATE TYPE ${name} AS ENUM (${r.labels.map(literal).join(', ')});`,
    });
  }
  for (const r of await rows<SequenceRow>(client, q.sequencesSql)) {
    const name = qualified(r.schema, r.name);
    objects.push({
      kind: 'sequence',
      name: `${r.schema}.${r.name}`,
      parent: schemaParent(r.schema),
      attributes: { type: r.type, start: r.start, increment: r.increment, min: r.min, max: r.max, cache: r.cache, cycle: r.cycle },
      facts: { qualified: name },
      create:
        `CREATE SEQUENCE IF NOT EXISTS ${name} AS ${r.type} INCREMENT BY ${r.increment} MINVALUE ${r.min} MAXVALUE ${r.max} ` +
        `START WITH ${r.start} CACHE ${r.cache}${r.cycle ? ' CYCLE' : ''};`,
    });
  }

  const columnsByTable = new Map<string, ColumnRow[]>();
  for (const r of await rows<ColumnRow>(client, q.columnsSql)) {
    const key = tableKey(r);
    if (!columnsByTable.has(key)) columnsByTable.set(key, []);
    columnsByTable.get(key)!.push(r);
  }
  for (const r of await rows<TableRow>(client, q.tablesSql)) {
    const name = qualified(r.schema, r.name);
    const key = objectKey('table', `${r.schema}.${r.name}`);
    const columns = columnsByTable.get(key) ?? [];
    const [parentSchema, parentTable] = (r.partition_of ?? '').split('.');
    const create = r.partition_of
      ? `CREATE TABLE ${name} PARTITION OF ${qualified(parentSchema!, parentTable!)} ${r.partition_bound};`
      : `CREATE${r.persistence === 'u' ? ' UNLOGGED' : ''} TABLE ${name} (\n` +
        `${columns.map((c) => `  ${columnClause(columnOf(c))}`).join(',\n')}\n)` +
        `${r.partition_key ? ` PARTITION BY ${r.partition_key}` : ''};` +
        `${r.rls ? `\nALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;` : ''}`;

    objects.push({
      kind: 'table',
      name: `${r.schema}.${r.name}`,
      parent: r.partition_of ? objectKey('table', r.partition_of) : schemaParent(r.schema),
      attributes: {
        rowSecurity: r.rls,
        unlogged: r.persistence === 'u',
        partitionKey: r.partition_key,
        partitionOf: r.partition_of,
        partitionBound: r.partition_bound,
      },
      facts: { qualified: name },
      create,
    });
    for (const c of columns) {
      const column = columnOf(c);
      objects.push({
        kind: 'column',
        name: `${r.schema}.${r.name}.${c.name}`,
        parent: key,
        attributes: {
          type: column.type,
          nullable: !column.notNull,
          default: column.default,
          identity: column.identity,
          generated: column.generated,
          collation: column.collation,
        },
        facts: { table: name, ident: c.name },
        create: `ALTER TABLE ${name} ADD COLUMN ${columnClause(column)};`,
      });
    }
  }

  for (const r of await rows<ConstraintRow>(client, q.constraintsSql)) {
    const table = qualified(r.schema, r.table);
    const definition = r.definition.replace(/ NOT VALID$/, '');
    objects.push({
      kind: 'constraint',
      name: `${r.schema}.${r.table}.${r.name}`,
      parent: tableKey(r),
      attributes: { definition, validated: r.validated },
      facts: { table, ident: r.name, type: r.type },
      create: addConstraint(table, r.name, r.type, definition, r.validated),
    });
  }
  for (const r of await rows<IndexRow>(client, q.indexesSql)) {
    const parentKind = r.table_kind === 'm' ? 'materialized view' : 'table';
    objects.push({
      kind: 'index',
      name: `${r.schema}.${r.name}`,
      parent: objectKey(parentKind, `${r.schema}.${r.table}`),
      attributes: { definition: r.definition, valid: r.valid },
      facts: { qualified: qualified(r.schema, r.name) },
      create: `${concurrently(r.definition, r.table_kind === 'p')};`,
    });
  }
  for (const r of await rows<ViewRow>(client, q.viewsSql)) {
    const name = qualified(r.schema, r.name);
    const body = r.definition.trim().replace(/;$/, '');
    const materialized = r.kind === 'm';
    objects.push({
      kind: materialized ? 'materialized view' : 'view',
      name: `${r.schema}.${r.name}`,
      parent: schemaParent(r.schema),
      attributes: { definition: body },
      facts: { qualified: name },
      create: materialized ? `CREATE MATERIALIZED VIEW ${name} AS\n${body};` : `CREATE OR REPLACE VIEW ${name} AS\n${body};`,
    });
  }
  for (const r of await rows<FunctionRow>(client, q.functionsSql)) {
    const signature = `${qualified(r.schema, r.name)}(${r.arguments})`;
    objects.push({
      kind: 'function',
      name: `${r.schema}.${r.name}(${r.arguments})`,
      parent: schemaParent(r.schema),
      attributes: {
        result: r.result,
        language: r.language,
        bodyHash: r.body_hash,
        volatility: volatilities[r.volatility] ?? r.volatility,
        securityDefiner: r.security_definer,
        config: r.config,
      },
      facts: { qualified: signature, routine: r.kind === 'p' ? 'PROCEDURE' : 'FUNCTION' },
      create: `${r.definition.trim()};`,
    });
  }
  for (const r of await rows<TriggerRow>(client, q.triggersSql)) {
    objects.push({
      kind: 'trigger',
      name: `${r.schema}.${r.table}.${r.name}`,
      parent: tableKey(r),
      attributes: { definition: r.definition, enabled: triggerStates[r.enabled] ?? r.enabled },
      facts: { table: qualified(r.schema, r.table), ident: r.name, enabledCode: r.enabled },
      create: `${r.definition};`,
    });
  }
  for (const r of await rows<PolicyRow>(client, q.policiesSql)) {
    const table = qualified(r.schema, r.table);
    const policy = {
      command: policyCommands[r.command] ?? String(r.command),
      permissive: r.permissive,
      roles: r.roles,
      using: r.using,
      withCheck: r.with_check,
    };
    objects.push({
      kind: 'policy',
      name: `${r.schema}.${r.table}.${r.name}`,
      parent: tableKey(r),
      attributes: {
        command: policy.command,
        permissive: policy.permissive,
        roles: policy.roles,
        using: policy.using,
        withCheck: policy.withCheck,
      },
      facts: { table, ident: r.name },
      create: createPolicy(table, r.name, policy),
    });
  }
  return objects;
}
