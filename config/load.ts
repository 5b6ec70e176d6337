/**
 * Loads and validates the project configuration: the shape with zod (unknown keys rejected), then
 * the cross-field rules. Every problem is reported at once, each with its environment, field,
 * expected and found value, and the fix.
 */
import { z } from 'zod';
import { ConfigError, type ConfigProblem, show } from './problems';
import { validateRules } from './rule-pack';
import { platformSchema, projectSchema, topologySchema, type ProjectConfig } from './schema';

/** Collects the key names an object schema accepts, at any depth. */
function keysOf(schema: z.ZodType, into = new Set<string>()): Set<string> {
  if (schema instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      into.add(key);
      keysOf(child, into);
    }
  } else if (schema instanceof z.ZodArray) {
    keysOf(schema.element as z.ZodType, into);
  } else if (schema instanceof z.ZodOptional) {
    keysOf(schema.unwrap() as z.ZodType, into);
  }
  return into;
}

const platformKeys = keysOf(platformSchema);
const topologyKeys = keysOf(topologySchema);

function pathToField(path: readonly PropertyKey[], config: unknown): { environment?: string; field: string } {
  if (path[0] === 'environments' && typeof path[1] === 'number') {
    const env = (config as { environments?: { name?: unknown }[] }).environments?.[path[1]];
    const name = typeof env?.name === 'string' ? env.name : `#${path[1]}`;
    return { environment: name, field: path.slice(2).map(String).join('.') || '(environment)' };
  }
  return { field: path.map(String).join('.') || '(root)' };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function unknownKeyFix(key: string, inEnvironment: boolean): string {
  if (inEnvironment && platformKeys.has(key)) return 'it is a platform invariant: set it in config/platform.ts, not per environment';
  if (inEnvironment && topologyKeys.has(key))
    return 'it is topology: set it for the parity group in config/topology.ts, not per environment';
  return 'remove it, or add the field to the schema in config/schema.ts if it is a new setting';
}

/** Turns zod's issues into problems a person can act on. */
export function problemsFromZod(error: z.ZodError, input: unknown): ConfigProblem[] {
  return error.issues.flatMap((issue): ConfigProblem[] => {
    const inEnvironment = issue.path[0] === 'environments';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        ...pathToField([...issue.path, key], input),
        expected: 'no such field',
        found: `unknown key ${show(key)}`,
        fix: unknownKeyFix(key, inEnvironment),
      }));
    }
    return [
      {
        ...pathToField(issue.path, input),
        expected: issue.message.replace(/^Invalid input: expected /, ''),
        found: show(valueAt(input, issue.path)),
        fix: inEnvironment
          ? 'correct it in config/environments.ts'
          : `correct it in ` +
            `config/${issue.path[0] === 'topologies' ? 'topology' : issue.path[0] === 'backend' ? 'environments' : 'platform'}.ts`,
      },
    ];
  });
}

/** Validates a configuration; throws a ConfigError listing every problem. */
export function validateProjectConfig(input: unknown): ProjectConfig {
  const parsed = projectSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(problemsFromZod(parsed.error, input));
  const problems = validateRules(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
