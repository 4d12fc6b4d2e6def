// The benchmark harness: groups register figures; `npm run bench [-- --json] [NAME...]`.
// Benchmarks print figures; nothing here asserts on time.

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchGroup {
  /** Short name used on the command line, e.g. "codec". */
  name: string;
  describe: string;
  run(): Promise<Figure[]> | Figure[];
}

/** Runs fn repeatedly for about `budgetMs` and returns operations per second. */
export function opsPerSecond(fn: () => void, budgetMs = 500, batch = 1000): number {
  for (let i = 0; i < batch; i++) fn(); // warm-up
  let ops = 0;
  const start = process.hrtime.bigint();
  const budgetNs = BigInt(budgetMs) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budgetNs) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

/** Median of single-call durations in microseconds over `samples` calls after a warm-up. */
export function medianMicros(fn: () => void, samples = 5000, warmup = 500): number {
  for (let i = 0; i < warmup; i++) fn();
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  return times[Math.floor(samples / 2)]!;
}
