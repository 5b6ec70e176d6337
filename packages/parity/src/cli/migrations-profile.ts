/** `parity migrations profile`: reads a database's profile and writes it as JSON. */
import { writeOutput } from '../shared/output';
import { collectDataProfile } from '../migrations/profile';
import { connect } from '../migrations/run/database';

/** Writes the profile of the database at `url` to `output`; returns how many tables it holds. */
export async function writeDataProfile(url: string, output: string): Promise<{ tables: number }> {
  const client = await connect(url);
  try {
    const profile = await collectDataProfile(client);
    writeOutput(JSON.stringify(profile, null, 2), output);
    return { tables: Object.keys(profile.tables).length };
  } finally {
    await client.end();
  }
}
