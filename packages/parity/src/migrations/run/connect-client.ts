/** Opens a `pg` client and says why it could not, for callers that word the failure their own way. */
import { Client, type ClientConfig } from 'pg';

/** The connected client, or the server's (or socket's) reason; a failed client is closed first. */
export async function connectClient(config: ClientConfig): Promise<{ client: Client } | { reason: string }> {
  const client = new Client(config);
  // An idle client whose server goes away emits `error`: the next query reports it instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { client };
  } catch (error) {
    await client.end().catch(() => undefined);
    return { reason: (error as Error).message || (error as { code?: string }).code || String(error) };
  }
}
