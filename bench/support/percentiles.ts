/** Median and 95th percentile of a sample, in its own unit (NaN for an empty sample). */
export function percentiles(values: number[]): { p50: number; p95: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}
