/**
 * The DDL that brings a lagging environment in line with the reference, one attribute at a time.
 * Written for a live database: indexes are built CONCURRENTLY, foreign keys and checks are added
 * NOT VALID and validated in a second step (no long lock). Where PostgreSQL has no statement for
 * the change (a generated column's expression before 17, a partition key), there is no DDL.
 */
import type { AttributeValue, SchemaObject } from './model';
import { literal, quoteIdent } from './sql-names';

/** The column clause of CREATE TABLE / ADD COLUMN. */
export function columnClause(c: {
  name: string;
  type: string;
  collation: string | null;
  generated: string | null;
  identity: string | null;
  default: string | null;
  notNull: boolean;
}): string {
  return [
    `${quoteIdent(c.name)} ${c.type}`,
    c.collation ? ` COLLATE ${quoteIdent(c.collation)}` : '',
    c.generated ? ` GENERATED ALWAYS AS (${c.generated}) STORED` : '',
    c.identity ? ` GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY` : '',
    c.default ? ` DEFAULT ${c.default}` : '',
    c.notNull ? ' NOT NULL' : '',
  ].join('');
}

/** `CREATE INDEX` as `CREATE INDEX CONCURRENTLY` (not possible on a partitioned table). */
export function concurrently(definition: string, partitioned: boolean): string {
  return partitioned ? definition : definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ');
}

/** ADD CONSTRAINT; foreign keys and checks NOT VALID then VALIDATE when the reference has them validated. */
export function addConstraint(table: string, name: string, type: string, definition: string, validated: boolean): string {
  const add = `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(name)} ${definition}`;
  if (type !== 'f' && type !== 'c') return `${add};`;
  return validated ? `${add} NOT VALID;\nALTER TABLE ${table} VALIDATE CONSTRAINT ${quoteIdent(name)};` : `${add} NOT VALID;`;
}

/** pg_policy.polcmd as the SQL command it applies to. */
export const policyCommands: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };

export function createPolicy(
  table: string,
  name: string,
  p: { command: string; permissive: boolean; roles: readonly string[]; using: string | null; withCheck: string | null },
): string {
  return [
    `CREATE POLICY ${quoteIdent(name)} ON ${table} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command}`,
    ` TO ${p.roles.map((r) => (r === 'public' ? 'PUBLIC' : quoteIdent(r))).join(', ')}`,
    p.using ? ` USING (${p.using})` : '',
    p.withCheck ? ` WITH CHECK (${p.withCheck})` : '',
    ';',
  ].join('');
}

const triggerStates: Record<string, string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

/** Labels of `to` missing from `from`, each with the label it goes before/after; undefined when `from` is not a subsequence of `to`. */
function enumAdditions(type: string, from: readonly string[], to: readonly string[]): string | undefined {
  let i = 0;
  for (const label of to) if (label === from[i]) i++;
  if (i !== from.length) return undefined;
  const have = new Set(from);
  const statements: string[] = [];
  to.forEach((label, position) => {
    if (have.has(label)) return;
    const previous = to[position - 1];
    statements.push(
      `ALTER TYPE ${type} ADD VALUE ${literal(label)}` +
        `${previous === undefined ? (to[position + 1] ? ` BEFORE ${literal(to[position + 1]!)}` : '') : ` AFTER ${literal(previous)}`};`,
    );
    have.add(label);
  });
  return statements.join('\n');
}

const sequenceClauses: Record<string, (v: AttributeValue) => string> = {
  type: (v) => `AS ${String(v)}`,
  start: (v) => `START WITH ${String(v)}`,
  increment: (v) => `INCREMENT BY ${String(v)}`,
  min: (v) => `MINVALUE ${String(v)}`,
  max: (v) => `MAXVALUE ${String(v)}`,
  cache: (v) => `CACHE ${String(v)}`,
  cycle: (v) => (v ? 'CYCLE' : 'NO CYCLE'),
};

/**
 * DDL that gives the lagging environment's object the reference's value of `attribute`.
 * `lagging` is the same object as the lagging environment has it.
 */
export function alterDdl(reference: SchemaObject, lagging: SchemaObject, attribute: string): string | undefined {
  const f = reference.facts ?? {};
  const a = reference.attributes;
  const value = a[attribute] ?? null;
  switch (reference.kind) {
    case 'extension':
      return attribute === 'version' ? `ALTER EXTENSION ${quoteIdent(f.ident!)} UPDATE TO ${literal(String(value))};` : undefined;
    case 'table':
      if (attribute === 'rowSecurity') return `ALTER TABLE ${f.qualified} ${value ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`;
      if (attribute === 'unlogged') return `ALTER TABLE ${f.qualified} SET ${value ? 'UNLOGGED' : 'LOGGED'};`;
      return undefined;
    case 'column': {
      const alter = `ALTER TABLE ${f.table} ALTER COLUMN ${quoteIdent(f.ident!)}`;
      if (attribute === 'type' || attribute === 'collation') {
        return (
          `${alter} TYPE ${String(a.type)}` +
          `${a.collation ? ` COLLATE ${quoteIdent(String(a.collation))}` : attribute === 'collation' ? ' COLLATE "default"' : ''}` +
          ` USING ${quoteIdent(f.ident!)}::${String(a.type)};`
        );
      }
      if (attribute === 'nullable') return `${alter} ${value ? 'DROP' : 'SET'} NOT NULL;`;
      if (attribute === 'default') return value === null ? `${alter} DROP DEFAULT;` : `${alter} SET DEFAULT ${String(value)};`;
      if (attribute === 'identity') {
        if (value === null) return `${alter} DROP IDENTITY;`;
        const how = value === 'always' ? 'ALWAYS' : 'BY DEFAULT';
        return lagging.attributes.identity === null ? `${alter} ADD GENERATED ${how} AS IDENTITY;` : `${alter} SET GENERATED ${how};`;
      }
      return undefined;
    }
    case 'index':
      if (attribute === 'valid' && value !== true) return undefined;
      return `DROP INDEX CONCURRENTLY IF EXISTS ${f.qualified};\n${reference.create}`;
    case 'constraint':
      if (attribute === 'validated')
        return value === true ? `ALTER TABLE ${f.table} VALIDATE CONSTRAINT ${quoteIdent(f.ident!)};` : undefined;
      return `ALTER TABLE ${f.table} DROP CONSTRAINT ${quoteIdent(f.ident!)};\n${reference.create}`;
    case 'sequence':
      return `ALTER SEQUENCE ${f.qualified} ${sequenceClauses[attribute]?.(value) ?? ''};`;
    case 'enum':
      return attribute === 'labels'
        ? enumAdditions(f.qualified!, (lagging.attributes.labels ?? []) as string[], (value ?? []) as string[])
        : undefined;
    case 'view':
      return reference.create;
    case 'materialized view':
      return `DROP MATERIALIZED VIEW IF EXISTS ${f.qualified};\n${reference.create}`;
    case 'function':
      return attribute === 'result' ? `DROP ${f.routine} ${f.qualified};\n${reference.create}` : reference.create;
    case 'trigger':
      if (attribute === 'enabled')
        return `ALTER TABLE ${f.table} ${triggerStates[String(f.enabledCode)] ?? 'ENABLE'} TRIGGER ${quoteIdent(f.ident!)};`;
      return `DROP TRIGGER IF EXISTS ${quoteIdent(f.ident!)} ON ${f.table};\n${reference.create}`;
    case 'policy': {
      const alter = `ALTER POLICY ${quoteIdent(f.ident!)} ON ${f.table}`;
      if (attribute === 'roles')
        return `${alter} TO ${((value ?? []) as string[]).map((r) => (r === 'public' ? 'PUBLIC' : quoteIdent(r))).join(', ')};`;
      if (attribute === 'using') return value === null ? undefined : `${alter} USING (${String(value)});`;
      if (attribute === 'withCheck') return value === null ? undefined : `${alter} WITH CHECK (${String(value)});`;
      return `DROP POLICY IF EXISTS ${quoteIdent(f.ident!)} ON ${f.table};\n${reference.create}`;
    }
    default:
      return undefined;
  }
}
