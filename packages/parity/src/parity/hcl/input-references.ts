/**
 * The `var.*` and `local.*` traversals of an expression, read from the syntax tree that
 * `@cdktf/hcl2json`'s `getExpressionAst` returns. Only scope traversals rooted at `var` or `local`
 * count: `aws_s3_bucket.local.id` is rooted at `aws_s3_bucket`, `"var.region"` is a literal, and a
 * for-expression's own names (`[for local in ...]`) shadow the inputs inside it.
 *
 * `getReferencesInExpression` is not enough for resolution: it skips the value and key expressions
 * of a for-expression (`[for s in var.xs : "${s}-${var.suffix}"]` gives `var.xs` only) and stops at
 * the first index step (`var.zones[1]` gives `var.zones`).
 */
import type { TFExpressionSyntaxTree } from '@cdktf/hcl2json';

type CodeRange = TFExpressionSyntaxTree.CodeRange;
type TraversalPart = TFExpressionSyntaxTree.TerraformTraversalPart;

/** A node of the tree as the parser writes it (object keys come back with an empty `type`). */
export interface AstNode {
  readonly type: string;
  readonly range: CodeRange;
  readonly children: readonly AstNode[];
  readonly meta?: {
    readonly value?: string;
    readonly traversal?: readonly TraversalPart[];
    readonly keyVar?: string;
    readonly valVar?: string;
    readonly collectionExpression?: string;
  };
}

export interface InputReference {
  readonly kind: 'var' | 'local';
  readonly name: string;
  /** The steps after the name: `.a[0]["b"]` → `a`, 0, `b`. */
  readonly steps: readonly (string | number)[];
  /** Character offsets of the traversal in the string. */
  readonly start: number;
  readonly end: number;
  /** When the traversal is a whole top-level interpolation (`${var.x}`): the offsets of `${` … `}`. */
  interpolation?: { readonly start: number; readonly end: number };
}

/** An index step as the parser writes it: `1`, or a quoted key `"k8s.io/role"`. */
function indexStep(segment: string): string | number {
  if (segment.startsWith('"')) {
    try {
      return JSON.parse(segment) as string;
    } catch {
      return segment.slice(1, -1);
    }
  }
  const number = Number(segment);
  return segment.trim() !== '' && Number.isInteger(number) ? number : segment;
}

/** `var.a.0` is Terraform's legacy index syntax: a name step of digits is an index. */
const nameStep = (segment: string): string | number => (/^\d+$/.test(segment) ? Number(segment) : segment);

function traversalReference(node: AstNode, bound: ReadonlySet<string>, offset: (byte: number) => number): InputReference | undefined {
  const parts = node.meta?.traversal ?? [];
  const [root, name, ...rest] = parts;
  if (!root || !name || root.type !== 'nameTraversal' || name.type !== 'nameTraversal') return undefined;
  if ((root.segment !== 'var' && root.segment !== 'local') || bound.has(root.segment)) return undefined;
  const last = parts[parts.length - 1]!;
  return {
    kind: root.segment,
    name: name.segment,
    steps: rest.map((part) => (part.type === 'indexTraversal' ? indexStep(part.segment) : nameStep(part.segment))),
    start: offset(root.range.start.byte),
    end: offset(last.range.end.byte),
  };
}

/** Every input reference under `node`, in source order; `offset` maps the parser's byte offsets to the string's. */
export function inputReferences(node: AstNode, bound: ReadonlySet<string>, offset: (byte: number) => number): InputReference[] {
  if (node.type === 'scopeTraversal') {
    const reference = traversalReference(node, bound, offset);
    return reference ? [reference] : [];
  }
  let inner = bound;
  let collection: AstNode | undefined;
  if (node.type === 'for' && node.meta) {
    // The collection is evaluated outside the loop; the key, value and condition inside it.
    collection = node.children.find((child) => child.meta?.value === node.meta!.collectionExpression) ?? node.children[0];
    inner = new Set([...bound, ...[node.meta.keyVar, node.meta.valVar].filter((name): name is string => !!name)]);
  }
  const found = node.children.flatMap((child) => inputReferences(child, child === collection ? bound : inner, offset));
  return found.sort((a, b) => a.start - b.start);
}
