/**
 * Benchmark of `parity drift` against the local fake AWS server (the one the tests use): two
 * environments of 10,000 SSM keys each. Measures, with Node timers, the median of several runs of
 *
 * - the whole check (`runDrift`: STS, SSM, RDS, ElastiCache, OpenSearch for both environments),
 * - the SSM listing alone with DescribeParameters (50 per call, what the check uses),
 * - the baseline: the same listing with GetParametersByPath (10 per call, values returned),
 *
 * with the number of API calls of each, and writes docs/benchmarks/drift.md.
 *
 * Run: `npx tsx bench/drift-bench.ts [runs]` (default 7 runs after one warm-up).
 */
import { execSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paginateGetParametersByPath, SSMClient } from '@aws-sdk/client-ssm';
import { CallCounter } from '../packages/parity/src/drift/call-counter';
import { readSsmKeys } from '../packages/parity/src/drift/read-ssm-keys';
import { runDrift } from '../packages/parity/src/drift/run-drift';
import { driftTargetOf } from '../stacks/drift-target';
import { ssmEnvironmentPath } from '../packages/parity/src/drift/resource-names';
import { configWithReaderRoles, useSdkEnvironment } from '../test/drift/support/drift-test-env';
import { BENCH_ENVIRONMENTS } from './drift-fake-server';

const KEYS_PER_ENVIRONMENT = Number(process.env.DRIFT_BENCH_KEYS ?? 10_000);
const ENVIRONMENTS = BENCH_ENVIRONMENTS;
const runs = Number(process.argv[2] ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(
  name: string,
  once: () => Promise<number>,
): Promise<{ name: string; median: number; min: number; max: number; calls: number }> {
  await once(); // warm-up: module loading, connection set-up
  const times: number[] = [];
  let calls = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    calls = await once();
    times.push(performance.now() - start);
  }
  return { name, median: median(times), min: Math.min(...times), max: Math.max(...times), calls };
}

async function listWithGetParametersByPath(path: string, counter: CallCounter): Promise<number> {
  const client = new SSMClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: `ASIAFAKE${path === '/orders/prod' ? '333333333333' : '222222222222'}`, secretAccessKey: 'x' },
  });
  client.middlewareStack.use(counter.plugin('ssm'));
  let count = 0;
  for await (const page of paginateGetParametersByPath({ client, pageSize: 10 }, { Path: path, Recursive: true, WithDecryption: false }))
    count += page.Parameters?.length ?? 0;
  client.destroy();
  return count;
}

async function listWithDescribeParameters(path: string, counter: CallCounter): Promise<number> {
  const client = new SSMClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: `ASIAFAKE${path === '/orders/prod' ? '333333333333' : '222222222222'}`, secretAccessKey: 'x' },
  });
  client.middlewareStack.use(counter.plugin('ssm'));
  const keys = await readSsmKeys(client, path);
  client.destroy();
  return keys.length;
}

async function main(): Promise<void> {
  const config = configWithReaderRoles();
  // The server runs in its own process, as real AWS would: the measured client has its own event loop.
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'drift-fake-server.ts')], {
    env: { ...process.env, DRIFT_BENCH_KEYS: String(KEYS_PER_ENVIRONMENT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
  const restore = useSdkEnvironment(url);
  let results: Awaited<ReturnType<typeof measure>>[];
  let lastReport: Awaited<ReturnType<typeof runDrift>> | undefined;
  try {
    const paths = ENVIRONMENTS.map((env) => ssmEnvironmentPath(config.platform.app, env));
    const listing = (list: typeof listWithDescribeParameters) => async () => {
      const counter = new CallCounter();
      const counts = await Promise.all(paths.map((path) => list(path, counter)));
      if (counts.some((c) => c !== KEYS_PER_ENVIRONMENT))
        throw new Error(`listed ${counts.join(', ')} keys, expected ${KEYS_PER_ENVIRONMENT}`);
      return counter.snapshot().ssm!.requests;
    };
    results = [
      await measure('whole check (`runDrift`, 2 environments)', async () => {
        lastReport = await runDrift({ target: driftTargetOf(config), environments: ENVIRONMENTS });
        if (Object.values(lastReport.environments).some((e) => e.status === 'unreadable'))
          throw new Error(JSON.stringify(lastReport.environments));
        return lastReport.totals.requests;
      }),
      await measure('SSM listing, DescribeParameters (50 per call)', listing(listWithDescribeParameters)),
      await measure('baseline: SSM listing, GetParametersByPath (10 per call)', listing(listWithGetParametersByPath)),
    ];
  } finally {
    restore();
    server.kill('SIGTERM');
  }

  const sh = (command: string) => execSync(command, { encoding: 'utf8' }).trim();
  const machine =
    `\`nproc\` ${sh('nproc')}, \`free -g\` total ${sh("free -g | awk '/^Mem:/ {print $2}'")} GiB, ` +
    `\`uname -r\` ${sh('uname -r')}, Node ${process.version}, load average ${sh("cut -d' ' -f1-3 /proc/loadavg")} at the end`;
  const rows = results.map((r) => `| ${r.name} | ${r.median.toFixed(0)} ms | ${r.min.toFixed(0)}–${r.max.toFixed(0)} ms | ${r.calls} |`);
  const perService = Object.entries(lastReport!.calls)
    .map(
      ([env, services]) =>
        `${env}: ${Object.entries(services)
          .map(([s, c]) => `${s} ${c.requests}`)
          .join(', ')}`,
    )
    .join('; ');
  const text =
    `# Benchmark: \`parity drift\`

Measured ${new Date().toISOString()} with \`npx tsx bench/drift-bench.ts ${runs}\` (Node timers, median of ${runs} runs after one warm-up).
Machine: ${machine}. The machine was shared with other engineers' jobs while measuring.

Set-up: the fake AWS server of the tests (test/drift/support/fake-aws-server.ts) on 127.0.0.1 in its own process, real
AWS SDK v3 clients, two environments (\`staging\`, \`prod\`) of ` +
    `${KEYS_PER_ENVIRONMENT.toLocaleString('en-US')} SSM keys each, read concurrently.

| What | Median | Range | API calls |
|---|---|---|---|
${rows.join('\n')}

Target: the whole check under 5 s for two environments of 10,000 keys: ` +
    `**${results[0]!.median < 5000 ? 'met' : 'NOT met'}** (${(results[0]!.median / 1000).toFixed(2)} s).

API calls of the whole check, per environment and service: ${perService}.
DescribeParameters needs ${results[1]!.calls} calls for the 20,000 keys where GetParametersByPath needs ${results[2]!.calls}
(${(results[2]!.calls / results[1]!.calls).toFixed(1)}× as many), and returns no values at all.
Peak RSS of the benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.
`;
  writeFileSync(join(__dirname, '..', 'docs', 'benchmarks', 'drift.md'), text);
  process.stdout.write(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
