/** Small timing and statistics helpers shared by the dataset generator and the load runners. */

/** Milliseconds elapsed since `start` (a `process.hrtime.bigint()` reading). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Throughput and latency of one measured run. */
export interface RunFigures {
  /** Completed requests (API) or statement groups (SQL) per second. */
  reqPerSec: number;
  /** Median latency, ms. */
  p50Ms: number;
  /** 99th percentile latency, ms. */
  p99Ms: number;
  /** Mean latency, ms. */
  meanMs: number;
  /** Completed requests in the run. */
  requests: number;
  /** Length of the run, s. */
  durationS: number;
}

/** Nearest-rank percentile of ascending-sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Figures from raw latencies (ms) measured over `durationS` seconds. */
export function summarise(latenciesMs: number[], durationS: number): RunFigures {
  const sorted = Float64Array.from(latenciesMs).sort();
  const sum = latenciesMs.reduce((a, b) => a + b, 0);
  return {
    reqPerSec: latenciesMs.length / durationS,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: latenciesMs.length ? sum / latenciesMs.length : NaN,
    requests: latenciesMs.length,
    durationS,
  };
}

/** `1234567` -> `1,234,567`; fractions rounded to `digits`. */
export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
