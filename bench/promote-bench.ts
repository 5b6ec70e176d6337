/**
 * Benchmark of `parity promote check --from staging --to prod` against the tests' fake AWS server
 * (its own process, real SDK v3 clients). Medians with Node timers of, in one run:
 *
 * - the whole command as a process (`node … packages/parity/src/cli/main.ts promote check`), as CI runs it;
 * - in-process: the whole check (synthesis included), the synthesis and hashing alone (and, as
 *   its baseline, the same synthesis without the fingerprint construct), the live read alone
 *   (the checkout's fingerprints given);
 * - baselines: the CLI's start-up alone (`parity --help`), `parity synth` as a process (the
 *   synthesis every deploy job runs anyway), and `parity drift --env staging` (every service of
 *   staging) in-process;
 *
 * with the AWS calls of each, and writes docs/benchmarks/promote.md.
 *
 * Run: `npx tsx bench/promote-bench.ts [runs]` (default 5 runs after one warm-up).
 */
import { execFileSync, execSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadProjectConfig } from '../config';
import { buildApp } from '../stacks/app';
import { runDrift } from '../packages/parity/src/drift/run-drift';
import { driftTargetOf } from '../stacks/drift-target';
import { promoteTargetOf, synthesizeFingerprints } from '../stacks/promote-target';
import { runPromoteCheck } from '../packages/parity/src/promote/run-promote-check';
import { useSdkEnvironment } from '../test/drift/support/drift-test-env';

const runs = Number(process.argv[2] ?? 5);
const ROOT = join(__dirname, '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Result {
  name: string;
  median: number;
  min: number;
  max: number;
  calls: string;
}

async function measure(name: string, work: () => Promise<string> | string): Promise<Result> {
  await work();
  const times: number[] = [];
  let calls = '';
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    calls = await work();
    times.push(performance.now() - start);
  }
  return { name, median: median(times), min: Math.min(...times), max: Math.max(...times), calls };
}

async function main(): Promise<void> {
  const config = loadProjectConfig();
  const checkout = synthesizeFingerprints(config, ['staging', 'prod']);
  const server = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'promote-fake-server.ts')], {
    env: { ...process.env, PROMOTE_BENCH_FINGERPRINT: checkout.get('prod')! },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
  const restore = useSdkEnvironment(url);
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ['--require', './scripts/register-typescript.cjs', 'packages/parity/src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: process.env,
      encoding: 'utf8',
    });
  const results: Result[] = [];
  try {
    results.push(
      await measure('`parity promote check --from staging --to prod --format json` (process)', () => {
        const report = JSON.parse(cli('promote', 'check', '--from', 'staging', '--to', 'prod', '--min-soak', '24', '--format', 'json'));
        if (report.decision !== 'promote') throw new Error(JSON.stringify(report.checks));
        return `${report.totals.requests} (${Object.entries(report.calls as Record<string, { requests: number }>)
          .map(([s, c]) => `${s} ${c.requests}`)
          .join(', ')})`;
      }),
    );
    results.push(await measure('baseline: `parity --help` (process start-up)', () => (cli('--help'), '0')));
    const synthOut = mkdtempSync(join(tmpdir(), 'promote-bench-synth-'));
    try {
      results.push(
        await measure(
          'baseline: `parity synth` (process: synthesis and the parity check)',
          () => (cli('synth', '--outdir', synthOut, '--output', join(synthOut, 'check.txt')), '0'),
        ),
      );
    } finally {
      rmSync(synthOut, { recursive: true, force: true });
    }
    results.push(
      await measure('in-process: whole check, synthesis included', async () => {
        const report = await runPromoteCheck({
          target: promoteTargetOf(config),
          checkout: (envs) => synthesizeFingerprints(config, envs),
          from: 'staging',
          to: 'prod',
          minSoakHours: 24,
        });
        if (report.decision !== 'promote') throw new Error(JSON.stringify(report.checks));
        return String(report.totals.requests);
      }),
    );
    results.push(
      await measure('in-process: synthesis of the 3 stacks and hashing', () => (synthesizeFingerprints(config, ['staging', 'prod']), '0')),
    );
    results.push(
      await measure('baseline: the same synthesis without the fingerprint construct (removed before synth)', () => {
        const outdir = mkdtempSync(join(tmpdir(), 'promote-bench-'));
        try {
          const { app, stacks } = buildApp({ outdir, config, offlinePlan: false });
          for (const stack of stacks) stack.node.tryRemoveChild('platform-fingerprint');
          app.synth();
        } finally {
          rmSync(outdir, { recursive: true, force: true });
        }
        return '0';
      }),
    );
    results.push(
      await measure('in-process: live read alone (checkout given)', async () => {
        const report = await runPromoteCheck({ target: promoteTargetOf(config), from: 'staging', to: 'prod', minSoakHours: 24, checkout });
        if (report.decision !== 'promote') throw new Error(JSON.stringify(report.checks));
        return String(report.totals.requests);
      }),
    );
    results.push(
      await measure('baseline: `parity drift --env staging` (in-process, every service)', async () => {
        const report = await runDrift({ target: driftTargetOf(config), environments: ['staging'] });
        return String(report.totals.requests);
      }),
    );
  } finally {
    restore();
    server.kill('SIGTERM');
  }
  const sh = (command: string) => execSync(command, { encoding: 'utf8' }).trim();
  const machine =
    `\`nproc\` ${sh('nproc')}, \`free -g\` total ${sh("free -g | awk '/^Mem:/ {print $2}'")} GiB, \`uname -r\` ` +
    `${sh('uname -r')}, Node ${process.version}, load average ${sh("cut -d' ' -f1-3 /proc/loadavg")} at the end`;
  const rows = results.map((r) => `| ${r.name} | ${r.median.toFixed(0)} ms | ${r.min.toFixed(0)}–${r.max.toFixed(0)} ms | ${r.calls} |`);
  const text = `# Benchmark: \`parity promote check\`

Measured ${new Date().toISOString()} with \`npx tsx bench/promote-bench.ts ${runs}\` (Node timers, median of ${runs}
runs after one warm-up).
Machine: ${machine}. **Shared**: other helpers' jobs (migration gates, terraform plans, test suites) ran on the same 2
cores while measuring; compare the rows with each other, not with other days.

Set-up: the tests' fake AWS server (test/drift/support/fake-aws-server.ts) on 127.0.0.1 in its own process, real AWS SDK v3
clients; staging's \`PLATFORM_FINGERPRINT\` equals this checkout's prod fingerprint and was written 48 h before (\`--min-soak 24\`:
every check passes, exit 0). No database URL (the migrations check is the preflight's, measured in
docs/benchmarks/migrations.md).

| What | Median | Range | AWS requests |
|---|---|---|---|
${rows.join('\n')}

The live part is three requests in staging's account (AssumeRole of the read-only role, GetCallerIdentity, one
GetParameters); the time goes to synthesizing this checkout's stacks, which is what proves what prod would get.
`;
  writeFileSync(join(ROOT, 'docs', 'benchmarks', 'promote.md'), text);
  process.stdout.write(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
