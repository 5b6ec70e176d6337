/**
 * Readable, stable Terraform logical ids from the construct path (issue 15), in place of cdktf's
 * `platform_database_instance_2B7B8E03`:
 *
 * - the path below the stack, without the leading `platform` segment (every environment has one
 *   platform, so it says nothing): `database/subnets` → `database_subnets`;
 * - a construct's default child (`node.defaultChild`, the resource the construct is about) adds no
 *   segment: `database/instance` → `aws_db_instance.database`;
 * - `-` and every other character Terraform does not accept in a name become `_`;
 * - no hash: the environment name is never part of the id, so adding or renaming an environment
 *   moves nothing, and two paths that would give the same id are refused at synth with both paths.
 */
import { TerraformDataSource, TerraformOutput, TerraformProvider, TerraformResource, type TerraformElement } from 'cdktf';
import { Node, type IConstruct } from 'constructs';

/** The segment dropped from the front of every path: the one EnvironmentPlatform of the stack. */
export const PLATFORM_SEGMENT = 'platform';

/** Path components below `stack`, as construct ids (`['platform', 'database', 'instance']`). */
export function componentsBelow(stack: IConstruct, node: IConstruct): IConstruct[] {
  const scopes = node.node.scopes;
  const index = scopes.indexOf(stack);
  if (index < 0) throw new Error(`\`${node.node.path}\` is not inside stack \`${stack.node.path}\``);
  return scopes.slice(index + 1);
}

/** The readable logical id of a construct below `stack`. */
export function readableLogicalId(stack: IConstruct, node: IConstruct): string {
  const scopes = componentsBelow(stack, node);
  const segments = scopes.filter((scope, i) => !(i > 0 && scopes[i - 1]!.node.defaultChild === scope)).map((scope) => scope.node.id);
  if (segments[0] === PLATFORM_SEGMENT && segments.length > 1) segments.shift();
  const id = segments.join('_').replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(id))
    throw new Error(`\`${node.node.path}\`: the logical id \`${id}\` must start with a letter; rename the construct`);
  return id;
}

/** The namespace Terraform keeps a name unique in: resources and data sources per type, outputs, providers. */
function namespaceOf(element: TerraformElement): string {
  if (TerraformResource.isTerraformResource(element)) return element.terraformResourceType;
  if (TerraformDataSource.isTerraformDataSource(element)) return `data.${element.terraformResourceType}`;
  if (TerraformOutput.isTerraformOutput(element)) return 'output';
  if (TerraformProvider.isTerraformProvider(element)) return `provider.${element.terraformResourceType}`;
  return element.constructor.name;
}

/** Allocates ids for one stack and refuses two constructs that would share an address. */
export class LogicalIdRegistry {
  private readonly owners = new Map<string, string>();

  constructor(private readonly stack: IConstruct) {}

  allocate(element: TerraformElement | Node): string {
    // cdktf asks for a Node's id too (assets); its construct is the last of its scopes.
    const construct = element instanceof Node ? element.scopes[element.scopes.length - 1]! : element;
    const id = readableLogicalId(this.stack, construct);
    const key = `${element instanceof Node ? 'node' : namespaceOf(element)}.${id}`;
    const owner = this.owners.get(key);
    if (owner !== undefined && owner !== construct.node.path) {
      throw new Error(`\`${construct.node.path}\` and \`${owner}\` would both be \`${key}\`: rename one of the constructs`);
    }
    this.owners.set(key, construct.node.path);
    return id;
  }
}
