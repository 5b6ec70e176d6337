/**
 * Runs `work` with `process.stderr.write` captured, so a warning the code under test says to users
 * (the old `-- parity:allow` form's deprecation) is asserted instead of leaking into jest's output.
 */
export async function withCapturedStderr<T>(work: () => Promise<T>): Promise<{ result: T; written: string[] }> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    return { result: await work(), written };
  } finally {
    spy.mockRestore();
  }
}

/** The deprecation warning the gate says once per process for the items fixture's old-form annotation. */
export function itemsDeprecationWarning(dir: string): string {
  return (
    `parity: warning: \`parity:allow destructive-change\` at ${dir}/0004_items_drop_label.sql:1 has no owner and no expiry: that ` +
    'form is deprecated; write `-- parity:allow destructive-change reason="why it is safe" owner=TEAM expires=YYYY-MM-DD` ' +
    '(further ones are listed in the report)\n'
  );
}
