/** Facts about a statement read from its parse tree: which tables it touches, drops, copies. */
import type { Statement } from './statements';

/** How a statement's duration grows with the rows of its table. */
export type GrowthModel = 'constant' | 'linear' | 'n-log-n';

export interface StatementFacts {
  /** Tables (relation names) the statement names anywhere. */
  readonly tables: readonly string[];
  /** Cannot run inside a transaction block (`CREATE INDEX CONCURRENTLY`, `VACUUM`...). */
  readonly concurrent: boolean;
  /** `BEGIN`/`START TRANSACTION` opens, `COMMIT`/`END`/`ROLLBACK` closes; savepoints are neither. */
  readonly transactionControl: 'begin' | 'end' | undefined;
  /** How its time grows with rows. */
  readonly growth: GrowthModel;
  /** `ALTER TABLE t DROP COLUMN c`: the dropped columns. */
  readonly droppedColumns: readonly { table: string; column: string }[];
  /** `DROP TABLE t`: the dropped tables. */
  readonly droppedTables: readonly string[];
  /** `ALTER COLUMN c TYPE x`: the changed columns and their new type as SQL. */
  readonly retypedColumns: readonly { table: string; column: string; type: string; using: boolean }[];
  /** Columns the statement reads into another place (INSERT ... SELECT, UPDATE ... SET, CREATE TABLE AS). */
  readonly copiedColumns: readonly string[];
  /** Tables it reads from into another place. */
  readonly copiedTables: readonly string[];
}

type Tree = Record<string, unknown>;

const closingKinds = new Set([
  'TRANS_STMT_COMMIT',
  'TRANS_STMT_ROLLBACK',
  'TRANS_STMT_PREPARE',
  'TRANS_STMT_COMMIT_PREPARED',
  'TRANS_STMT_ROLLBACK_PREPARED',
]);

/** Statements whose time does not depend on rows (a rewrite seen at run time overrides this). */
const constantKinds = new Set([
  'CreateStmt',
  'VariableSetStmt',
  'CommentStmt',
  'GrantStmt',
  'CreateFunctionStmt',
  'CreateTrigStmt',
  'ViewStmt',
  'CreateEnumStmt',
  'CreateSeqStmt',
  'CreateSchemaStmt',
  'CreateExtensionStmt',
  'RenameStmt',
  'DropStmt',
]);
/** ALTER TABLE subcommands that only change the catalog (PostgreSQL 11+ adds columns with constant defaults without a rewrite). */
const catalogOnlyAlters = new Set([
  'AT_DropColumn',
  'AT_AddColumn',
  'AT_ColumnDefault',
  'AT_DropNotNull',
  'AT_DropConstraint',
  'AT_SetStatistics',
  'AT_SetStorage',
]);

function walk(node: unknown, visit: (type: string, fields: Tree) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Tree)) {
    if (/^[A-Z]/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) visit(key, value as Tree);
    walk(value, visit);
  }
}

function relationNames(node: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }

    if (!value || typeof value !== 'object') return;
    const fields = value as Tree;
    if (typeof fields.relname === 'string') names.add(fields.relname);
    Object.values(fields).forEach(visit);
  };
  visit(node);
  return [...names];
}

function columnNames(node: unknown): string[] {
  const names = new Set<string>();
  walk(node, (type, fields) => {
    if (type !== 'ColumnRef') return;
    const parts = (fields.fields as Tree[] | undefined) ?? [];
    const last = parts[parts.length - 1] as { String?: { sval?: string } } | undefined;
    if (last?.String?.sval) names.add(last.String.sval);
  });
  return [...names];
}

function typeSql(typeName: Tree | undefined): string {
  const names = ((typeName?.names as { String?: { sval?: string } }[]) ?? [])
    .map((n) => n.String?.sval ?? '')
    .filter((n) => n !== 'pg_catalog');
  const mods = ((typeName?.typmods as { A_Const?: { ival?: { ival?: number } } }[]) ?? []).map((m) => m.A_Const?.ival?.ival ?? 0);
  return `${names.join('.')}${mods.length ? `(${mods.join(',')})` : ''}${typeName?.arrayBounds ? '[]' : ''}`;
}

/** Reads the facts of one parsed statement. */
export function statementFacts(statement: Statement): StatementFacts {
  const { kind, tree } = statement;
  const relation = (tree.relation as Tree | undefined)?.relname as string | undefined;
  const droppedColumns: { table: string; column: string }[] = [];
  const retypedColumns: { table: string; column: string; type: string; using: boolean }[] = [];
  let growth: GrowthModel = kind === 'IndexStmt' ? 'n-log-n' : constantKinds.has(kind) ? 'constant' : 'linear';
  if (kind === 'AlterTableStmt' && relation) {
    const subtypes = ((tree.cmds as { AlterTableCmd: Tree }[]) ?? []).map((c) => c.AlterTableCmd.subtype as string);
    if (subtypes.every((t) => catalogOnlyAlters.has(t))) growth = 'constant';
    for (const cmd of (tree.cmds as { AlterTableCmd: Tree }[]) ?? []) {
      const c = cmd.AlterTableCmd;
      if (c.subtype === 'AT_DropColumn') droppedColumns.push({ table: relation, column: c.name as string });
      if (c.subtype === 'AT_AlterColumnType') {
        const def = (c.def as { ColumnDef?: Tree } | undefined)?.ColumnDef;
        retypedColumns.push({
          table: relation,
          column: c.name as string,
          type: typeSql(def?.typeName as Tree | undefined),
          using: Boolean(def?.raw_default),
        });
      }
      const contype = ((c.def as { Constraint?: Tree } | undefined)?.Constraint?.contype as string | undefined) ?? '';
      if (c.subtype === 'AT_AddConstraint' && /PRIMARY|UNIQUE/.test(contype)) growth = 'n-log-n';
    }
  }
  const droppedTables =
    kind === 'DropStmt' && tree.removeType === 'OBJECT_TABLE'
      ? ((tree.objects as { List?: { items?: { String?: { sval?: string } }[] } }[]) ?? [])
          .map((o) => o.List?.items?.at(-1)?.String?.sval ?? '')
          .filter(Boolean)
      : [];
  const copying =
    kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'CreateTableAsStmt' || (kind === 'SelectStmt' && Boolean(tree.intoClause));
  const source =
    kind === 'InsertStmt'
      ? tree.selectStmt
      : kind === 'UpdateStmt'
        ? [tree.targetList, tree.fromClause]
        : kind === 'CreateTableAsStmt'
          ? tree.query
          : tree;
  const readTables = copying
    ? relationNames(kind === 'UpdateStmt' ? [tree.fromClause, relation ? { relname: relation } : undefined] : source)
    : [];
  const concurrent =
    (kind === 'IndexStmt' && tree.concurrent === true) ||
    (kind === 'DropStmt' && tree.concurrent === true) ||
    (kind === 'ReindexStmt' && JSON.stringify(tree.params ?? []).includes('"concurrently"')) ||
    kind === 'VacuumStmt' ||
    kind === 'CreatedbStmt' ||
    kind === 'DropdbStmt';
  const txKind = kind === 'TransactionStmt' ? (tree.kind as string) : undefined;
  return {
    tables: relationNames(tree),
    concurrent,
    transactionControl:
      txKind === 'TRANS_STMT_BEGIN' || txKind === 'TRANS_STMT_START' ? 'begin' : txKind && closingKinds.has(txKind) ? 'end' : undefined,
    growth,
    droppedColumns,
    droppedTables,
    retypedColumns,
    copiedColumns: copying ? columnNames(source) : [],
    copiedTables: readTables,
  };
}
