/**
 * The addresses cdktf's default (hashed) ids gave this app's resources before readable ids, so a
 * deployed environment moves its state instead of destroying and recreating everything.
 * `EnvironmentStack` with `moveFromHashedIds` adds one `moved` block per resource (cdktf's
 * `moveFromId`); `movedBlocksHcl` prints the same blocks as HCL (docs/readable-addresses.md).
 */
import { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
// cdktf's own id function, so the old addresses are computed exactly as cdktf computed them.
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { componentsBelow } from './logical-ids';

/**
 * Construct ids renamed together with the readable ids: today's path below the stack, and how to
 * write the path it had before.
 */
const RENAMED: readonly { readonly now: RegExp; readonly before: (m: RegExpMatchArray) => string }[] = [
  { now: /^platform\/parameter\/(.+)$/, before: (m) => `platform/parameters/${m[1]}` },
  { now: /^platform\/alarm\/(.+)$/, before: (m) => `platform/alarms/${m[1]}` },
  // Subnets were numbered by zone index; they are named by zone letter now (`private-0` → `private-a`).
  { now: /^platform\/network\/private-([a-z])$/, before: (m) => `platform/network/private-${m[1]!.charCodeAt(0) - 97}` },
];

/** The path a construct had before the renames, below the stack. */
export function pathBeforeRenames(path: string): string {
  for (const rename of RENAMED) {
    const match = path.match(rename.now);
    if (match) return rename.before(match);
  }
  return path;
}

/** The logical id cdktf's default allocation gave (or would have given) this resource. */
export function hashedLogicalId(stack: IConstruct, node: IConstruct): string {
  const path = componentsBelow(stack, node)
    .map((scope) => scope.node.id)
    .join('/');
  return makeUniqueId(pathBeforeRenames(path).split('/'));
}

export interface Move {
  readonly from: string;
  readonly to: string;
}

/** One move per resource of the stack whose address changed. */
export function movesFromHashedIds(stack: IConstruct): Move[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c))
    .map((resource) => ({
      from: `${resource.terraformResourceType}.${hashedLogicalId(stack, resource)}`,
      to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`,
    }))
    .filter((move) => move.from !== move.to);
}

/** The moves as HCL `moved` blocks, for a `moved.tf` beside a hand-written configuration. */
export function movedBlocksHcl(moves: readonly Move[]): string {
  return moves.map((m) => `moved {\n  from = ${m.from}\n  to   = ${m.to}\n}\n`).join('\n');
}
