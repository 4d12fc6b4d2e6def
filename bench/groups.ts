// Every benchmark group, in the order they run. Each issue adds its own.
import type { BenchGroup } from './harness.ts';

export const groups: BenchGroup[] = [];
