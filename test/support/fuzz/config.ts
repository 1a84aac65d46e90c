/**
 * How many cases the property-based tests run and with which seed.
 *
 * - `FUZZ_RUNS`: the cases of the whole suite (default 1,200, the `npm test`
 *   run); each property takes its share. `npm run fuzz` sets 100,000.
 * - `FUZZ_SEED`: the seed (default a fixed one, so every run is the same);
 *   a failure prints the seed and the path of the counterexample.
 * - `FUZZ_PATH`: replays one counterexample (with its `FUZZ_SEED`).
 * - `FUZZ_NO_SHRINK=1`: report the first failure as found, without shrinking it.
 */
import * as fc from 'fast-check';

/** The seed when `FUZZ_SEED` is not set. */
export const DEFAULT_SEED = 1010;
/** The cases of the suite when `FUZZ_RUNS` is not set. */
export const DEFAULT_RUNS = 1200;

/** Whether the run is the long one (a `FUZZ_RUNS` given). */
export const LONG_RUN = process.env.FUZZ_RUNS !== undefined;

/** The fast-check parameters of a property that takes `share` (0-1) of the suite's cases. */
export function fuzzParameters<T>(share: number): fc.Parameters<T> {
  const total = Number(process.env.FUZZ_RUNS ?? DEFAULT_RUNS);
  const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(total) || total < 1) throw new Error(`FUZZ_RUNS must be a positive integer, not ${process.env.FUZZ_RUNS}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${process.env.FUZZ_SEED}`);
  return {
    seed,
    numRuns: Math.max(1, Math.round(total * share)),
    path: process.env.FUZZ_PATH,
    endOnFailure: process.env.FUZZ_NO_SHRINK === '1',
  };
}

/** A jest timeout for `runs` cases: generous, so a loaded machine never fails a correct run. */
export function timeoutFor(runs: number): number {
  return 120_000 + runs * 200;
}
