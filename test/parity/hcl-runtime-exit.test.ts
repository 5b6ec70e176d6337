/**
 * The HCL parser's runtime (a Go program compiled to WebAssembly) must never keep the process alive
 * once the engine has returned: `parity check --hcl` used to linger 1–3 s after its report, held by
 * the Go runtime's own timers. Checked in-process and without timing: after a real check of two
 * directories, the runtime has asked for wake-ups (so the case is exercised) and none of those it
 * still holds keeps the event loop alive, nor does anything else the engine started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import { expressionAst, hclRuntimeTimers, parseHcl } from '../../packages/parity/src/parity/hcl/hcl-runtime';
import { generateLayout, writeLayout } from './hcl-layout-generator';

const ROOT = join(__dirname, '..', '..');
const ORDERS = join(ROOT, 'test/fixtures/hcl/orders-terraform/envs');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'parity-hcl-runtime-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Kinds of resources keeping the event loop alive, counted (`Timeout: 1`). */
function liveResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('the HCL parser runtime and the end of the process', () => {
  test('after a check of two directories, nothing the parser holds keeps the process alive', async () => {
    const layout = generateLayout(20261201, { resources: 40, locals: 20 });
    for (const env of ['blue', 'green']) writeLayout(join(root, env), layout.files);
    const before = liveResources();
    const report = await checkParityOf({
      source: {
        kind: 'hcl',
        directories: new Map([
          ['blue', join(root, 'blue')],
          ['green', join(root, 'green')],
        ]),
      },
    });
    expect(report.status).toBe('pass');
    const runtime = hclRuntimeTimers();
    expect(runtime.runtimes).toBe(1);
    // The Go runtime asked for wake-ups (its garbage collector's): the case this test is about.
    expect(runtime.scheduledTotal).toBeGreaterThan(0);
    expect(runtime.referenced).toBe(0);
    // Nothing else the engine started is left behind either (file reads finish before it returns).
    const after = liveResources();
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    expect(after.Immediate ?? 0).toBeLessThanOrEqual(before.Immediate ?? 0);
  });

  test('the fixtures the CLI tests use: same, with one runtime for every directory', async () => {
    const report = await checkParityOf({
      source: {
        kind: 'hcl',
        directories: new Map([
          ['staging', join(ORDERS, 'staging')],
          ['prod', join(ORDERS, 'prod')],
        ]),
      },
    });
    expect(report.status).toBe('fail');
    expect(hclRuntimeTimers()).toMatchObject({ runtimes: 1, referenced: 0 });
  });

  test('a call in flight holds the process open by its own handle, released when it settles', async () => {
    const parsing = parseHcl('main.tf', 'resource "aws_s3_bucket" "logs" {\n  bucket = "orders-logs"\n}\n');
    expect(hclRuntimeTimers().referenced).toBe(1);
    await expect(parsing).resolves.toEqual({ resource: { aws_s3_bucket: { logs: [{ bucket: 'orders-logs' }] } } });
    expect(hclRuntimeTimers().referenced).toBe(0);
    // A refused expression releases it too.
    await expect(expressionAst('expression.tf', '"${"')).rejects.toThrow('Unterminated template string');
    expect(hclRuntimeTimers().referenced).toBe(0);
  });
});
