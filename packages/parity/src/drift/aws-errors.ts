/** Tells "the resource does not exist" apart from "the environment cannot be read". */

/** Error names the SDK gives a missing resource (modeled exception names and query-protocol codes). */
const NOT_FOUND = new Set(['DBInstanceNotFoundFault', 'DBInstanceNotFound', 'ReplicationGroupNotFoundFault', 'ResourceNotFoundException']);

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && NOT_FOUND.has(error.name);
}

/** A one-line reason for an unreadable environment: the AWS error name, its message, and what was being read. */
export function readFailure(error: unknown, reading: string): string {
  if (!(error instanceof Error)) return `${String(error)} (while ${reading})`;
  const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts;
  const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  const label = error.name && error.name !== 'Error' ? error.name : '';
  const message = error.message && error.message !== error.name ? error.message : '';
  const text = label && message ? `${label}: ${message}` : label || message || 'unknown error';
  return `${text} (while ${reading}${after})`;
}

/** An Error that says which step failed, for readFailure. */
export class ReadStepError extends Error {
  constructor(
    readonly reading: string,
    cause: unknown,
  ) {
    super(readFailure(cause, reading), { cause });
    this.name = 'ReadStepError';
  }
}

/** Runs one read step, labelling its failure with what was being read. */
export async function step<T>(reading: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof ReadStepError ? error : new ReadStepError(reading, error);
  }
}
