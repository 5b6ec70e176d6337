/**
 * Benchmarks of the parity comparison (Node timers, medians):
 *
 *   tsx bench/check-parity.ts project      3 environments of this app: synth (baseline) vs comparison
 *   tsx bench/check-parity.ts generated    30 generated environments of this app: synth vs comparison
 *   tsx bench/check-parity.ts growth       synthetic stacks: time against environments and resources
 *   tsx bench/check-parity.ts once ENVS RESOURCES DIR   one comparison (for /usr/bin/time -v)
 *
 * "Comparison" is everything after the synth: reading and parsing every cdk.tf.json, flattening,
 * normalizing, comparing and classifying.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig } from '../config';
import { projectParityPolicy } from '../stacks/parity-policy';
import { synthesizeApp } from '../stacks/app';
import { loadStacksDirectory } from '../packages/parity/src/parity/stacks/load-stacks';
import { checkParity } from '../packages/parity/src/parity/parity-engine';
import { DEFAULT_AWS_SCALE_KNOBS } from '../packages/parity/src/parity/policy/default-aws-knobs';
import type { ParityPolicy } from '../packages/parity/src/parity/policy/parity-policy';
import { generatedEnvironments } from './generated-environments';
import { environmentNames, writeSyntheticStacks } from './check-synthetic-stacks';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(runs: number, fn: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function compare(stacks: string, policy: ParityPolicy): number {
  const groupOf = new Map(policy.groups.flatMap((g) => g.environments.map((env) => [env, g.name] as const)));
  const models = loadStacksDirectory(stacks, { keepWords: policy.groups.map((g) => g.name), groupOf });
  const result = checkParity(models, policy);
  return result.groups.reduce((n, g) => n + g.differences.length + g.onlyIn.length, 0);
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function synthVsCompare(label: string, environments: ReturnType<typeof generatedEnvironments> | undefined, runs: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-'));
  try {
    const synth = time(3, () => synthesizeApp({ outdir: dir, environments }));
    const config = loadProjectConfig();
    const groups = new Map<string, string[]>();
    for (const env of environments ?? config.environments) groups.set(env.parityGroup, [...(groups.get(env.parityGroup) ?? []), env.name]);
    const policy = { ...projectParityPolicy(config), groups: [...groups].map(([name, envs]) => ({ name, environments: envs })) };
    let findings = 0;
    const comparison = time(runs, () => (findings = compare(join(dir, 'stacks'), policy)));
    console.log(
      `${label}: synth median ${ms(synth)} (baseline), comparison median ${ms(comparison)} ` +
        `(${((comparison / synth) * 100).toFixed(1)} % of synth), findings ${findings}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function syntheticPolicy(environments: number): ParityPolicy {
  const names = environmentNames(environments);
  const half = Math.ceil(names.length / 2);
  return {
    groups: [
      { name: 'production', environments: names.slice(0, half) },
      { name: 'development', environments: names.slice(half) },
    ].filter((g) => g.environments.length > 0),
    scaleKnobs: DEFAULT_AWS_SCALE_KNOBS,
    topology: [],
  };
}

function synthetic(environments: number, resources: number, runs: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-'));
  try {
    const stacks = writeSyntheticStacks(dir, environments, resources);
    const policy = syntheticPolicy(environments);
    return time(runs, () => compare(stacks, policy));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function growth(): void {
  console.log('| environments | resources each | median | per 1,000 environment-resources |');
  console.log('|---:|---:|---:|---:|');
  synthetic(20, 200, 3); // warm up the JIT, so the first row is not the slowest for that reason alone
  const points: [number, number][] = [];
  const row = (e: number, r: number) => {
    const t = synthetic(e, r, 5);
    points.push([e * r, t]);
    console.log(`| ${e} | ${r} | ${ms(t)} | ${ms((t / (e * r)) * 1000)} |`);
  };
  for (const e of [10, 20, 30, 40, 50]) row(e, 500);
  for (const r of [100, 200, 300, 400]) row(50, r);
  // Least squares t = a + b·(environments × resources): a straight line fits when growth is linear.
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const b = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const a = my - b * mx;
  const r2 = 1 - points.reduce((s, [x, y]) => s + (y - a - b * x) ** 2, 0) / points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  console.log(`linear fit: ${ms(a)} + ${(b * 1000).toFixed(1)} ms per 1,000 environment-resources, R² = ${r2.toFixed(3)}`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'project') synthVsCompare('3 environments of this app', undefined, 20);
else if (mode === 'generated') synthVsCompare('30 generated environments of this app', generatedEnvironments(30), 5);
else if (mode === 'growth') growth();
else if (mode === 'once') {
  const [e, r, dir] = [Number(args[0]), Number(args[1]), args[2]!];
  const start = performance.now();
  const findings = compare(join(dir, 'stacks'), syntheticPolicy(e));
  console.log(`${e} environments x ${r} resources: ${ms(performance.now() - start)}, findings ${findings}`);
} else if (mode === 'write') {
  writeSyntheticStacks(args[2]!, Number(args[0]), Number(args[1]));
} else {
  console.error('usage: tsx bench/check-parity.ts project|generated|growth|once ENVS RESOURCES DIR|write ENVS RESOURCES DIR');
  process.exitCode = 2;
}
