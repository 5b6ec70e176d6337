/** Placeholder: this command's module is being written (see the open issues). */
import { ExitCode, ExitError } from '../cli/exit-error';

export async function run(_argv: string[]): Promise<number> {
  throw new ExitError(ExitCode.badInput, 'this command is not available yet.');
}
