/**
 * Estimates a statement's duration at prod's row count from two sample sizes. Time is modelled as
 * `t = fixed + perRow * f(n)`, with `f(n) = n` for scans and rewrites (`constant` statements keep their measured time)
 * and `f(n) = n log2 n` for index builds. The two samples give `fixed` and `perRow`; the range spans that fit and a

 * proportional scaling of the larger sample, widened by the margins below.
 */
import type { GrowthModel } from '../source/statement-facts';

/** One measurement: rows of the statement's table and the time it took. */
export interface Sample {
  /** Rows of the table the statement works on. */
  readonly rows: number;
  /** Measured time, ms. */
  readonly ms: number;
}

export interface Estimate {
  /** Lower end of the estimate, ms. */
  readonly low: number;
  /** Upper end of the estimate, ms. */
  readonly high: number;
}

/**
 * Widening of the range around the two estimates: run-to-run spread and cache/disk effects the
 * samples cannot show. Calibrated with bench/migrations-extrapolation.ts (5M rows from 1M and
 * 167K samples; docs/benchmarks/migrations.md).
 */
export const lowerMargin = 0.8;
export const upperMargin = 1.25;

export function growth(model: GrowthModel, n: number): number {
  return model === 'n-log-n' ? n * Math.log2(Math.max(n, 2)) : n;
}

/**
 * Fits the samples and evaluates at `prodRows`. With one sample, or rows that did not grow,
 * scales proportionally. When prod has no more rows than the larger sample, the measurement stands.
 */
export function extrapolate(model: GrowthModel, samples: readonly Sample[], prodRows: number): Estimate {
  const sorted = [...samples].sort((a, b) => a.rows - b.rows);
  // The largest sample; on a tie (a statement on no table) the first given, the full sample's.
  const large = samples.find((s) => s.rows === sorted[sorted.length - 1]?.rows);
  if (!large) throw new Error('extrapolate needs at least one sample');
  if (model === 'constant' || prodRows <= large.rows || large.rows === 0) return { low: roundMs(large.ms), high: roundMs(large.ms) };
  const proportional = (large.ms * growth(model, prodRows)) / growth(model, large.rows);
  const small = sorted[0]!;
  let fitted = proportional;
  if (sorted.length > 1 && small.rows < large.rows) {
    const perRow = (large.ms - small.ms) / (growth(model, large.rows) - growth(model, small.rows));
    const fixed = large.ms - perRow * growth(model, large.rows);
    if (perRow > 0) fitted = Math.max(fixed, 0) + perRow * growth(model, prodRows);
  }
  return { low: roundMs(Math.min(fitted, proportional) * lowerMargin), high: roundMs(Math.max(fitted, proportional) * upperMargin) };
}

/** Rounds milliseconds to a tenth. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
