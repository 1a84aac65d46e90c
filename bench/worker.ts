/**
 * Runs benchmark points (variant × bundle × N) in a child process: a warm-up
 * synth of a few apps, then for each N in turn (ascending) `reps` timed
 * synths of N apps, each after a full GC. The parent gives N = 10,000 a
 * process of its own, so its peak memory is its own; smaller N share one
 * (their peaks are then at least the previous point's). Sends the
 * `PointResult`s to the parent over IPC (or prints them as JSON when run by
 * hand).
 */
import { PerformanceObserver } from 'perf_hooks';
import { BUSY_LIMIT, machineBusyMs, waitForQuiet } from './machine';
import { availableScenarios, scenario } from './scenarios';
import { cleanUp, digest, runner, Timing, Variant } from './variants';

/** One point. */
export interface PointSpec {
  readonly variant: Variant;
  readonly strategy: string;
  readonly n: number;
  readonly reps: number;
  readonly warmup: number;
}

/** What the parent asks one child for: points of one variant and bundle, ascending N. */
export interface BatchSpec {
  readonly variant: Variant;
  readonly strategy: string;
  readonly points: Array<{ n: number; reps: number }>;
  readonly warmup: number;
  /**
   * Also time N = `reference` (5 runs) just before and just after each point,
   * in the same process, so that the per-app time of a large N can be
   * compared with a small N measured at the same time (the machine's speed
   * drifts over minutes).
   */
  readonly reference?: number;
  /** Plain cdk8s only: skip a point whose time, extrapolated as N² from the previous one, exceeds this. */
  readonly budgetS?: number;
}

/** A point not measured. */
export interface SkippedPoint {
  readonly n: number;
  readonly skipped: string;
}

/** What a point measured. Times are the median over the reps. */
export interface PointResult extends PointSpec {
  readonly totalMs: number;
  readonly defineMs: number;
  readonly synthMs: number;
  readonly msPerApp: number;
  /** Every rep's total, in ms. */
  readonly totalsMs: number[];
  /** Time spent in garbage collection during the median rep, in ms. */
  readonly gcMs: number;
  /** CPU time of the process (all threads, GC helpers included) during the median rep, in ms. */
  readonly cpuMs: number;
  /** Share of the CPUs other processes kept busy just before the point (Linux), 0..cpus. */
  readonly busyBefore?: number;
  /** The most CPUs other processes kept busy during a kept run (Linux; 0 for runs under 0.2 s). */
  readonly othersBusy: number;
  /** Runs repeated because other processes disturbed them. */
  readonly retries: number;
  /** ms/app of N = `reference.n` timed just before and just after this point in the same process, if asked for. */
  readonly reference?: { n: number; before: number; after: number };
  /** Peak resident memory of the process during the timed runs (includes the loaded modules, `baseRssMb`). */
  readonly peakRssMb: number;
  /** Resident memory after loading and warming up. */
  readonly baseRssMb: number;
  /** Heap in use after the last rep and a full GC. */
  readonly retainedHeapMb: number;
  /** Files written, and their bytes. */
  readonly files: number;
  readonly bytes: number;
  /** Files that are not YAML (the library's rollout plans), left out of `sha256`. */
  readonly otherFiles: number;
  /** sha256 of the YAML files (paths and contents). */
  readonly sha256: string;
  readonly error?: string;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => Math.round(bytes / 1048576);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Lets the GC entries of the last run reach the observer, then stops observing. */
async function flushGc(observer: PerformanceObserver, total: () => number): Promise<number> {
  await new Promise(resolve => setImmediate(resolve));
  await new Promise(resolve => setTimeout(resolve, 10));
  observer.disconnect();
  return total();
}

/** Runs the points of a batch, in order. */
export async function runBatch(spec: BatchSpec): Promise<Array<PointResult | SkippedPoint>> {
  const run = runner(spec.variant, scenario(spec.strategy));
  if (spec.warmup > 0) cleanUp(run.run(spec.warmup));
  const results: Array<PointResult | SkippedPoint> = [];
  let last: PointResult | undefined;
  for (const { n, reps } of spec.points) {
    const skip = last && spec.budgetS !== undefined ? skipReason(last, n, spec.budgetS) : undefined;
    if (skip) {
      results.push({ n, skipped: skip });
      continue;
    }
    const point = { variant: spec.variant, strategy: spec.strategy, warmup: spec.warmup };
    const ref = spec.reference;
    const before = ref ? await runPoint({ ...point, n: ref, reps: 5 }, run) : undefined;
    last = await runPoint({ ...point, n, reps }, run);
    const after = ref ? await runPoint({ ...point, n: ref, reps: 5 }, run) : undefined;
    results.push(ref && before && after ? { ...last, reference: { n: ref, before: before.msPerApp, after: after.msPerApp } } : last);
  }
  return results;
}

/**
 * Why plain cdk8s skips N: past 5 s a point is taken to be quadratic, and N
 * is skipped when that extrapolation exceeds the budget.
 */
export function skipReason(last: { n: number; totalMs: number }, n: number, budgetS: number): string | undefined {
  const estimateS = (last.totalMs / 1000) * (n / last.n) ** 2;
  if (last.totalMs < 5000 || estimateS <= budgetS) return undefined;
  return `skipped: quadratic, ~${Math.round(estimateS)} s extrapolated from N = ${last.n.toLocaleString('en-US')}`;
}

/** Runs one point with a warmed-up runner. */
async function runPoint(spec: PointSpec, run: ReturnType<typeof runner>): Promise<PointResult> {
  gc();
  const baseRssMb = mb(process.memoryUsage().rss);
  const timings: Timing[] = [];
  const gcTimes: number[] = [];
  const cpuTimes: number[] = [];
  let gcMs = 0;
  const observer = new PerformanceObserver(list => { for (const e of list.getEntries()) gcMs += e.duration; });
  let out: ReturnType<typeof digest> | undefined;
  let peakRssMb = 0;
  let othersBusy = 0;
  let retries = 0;
  for (let r = 0; r < spec.reps; r++) {
    gc();
    observer.observe({ entryTypes: ['gc'] });
    gcMs = 0;
    const busy = machineBusyMs();
    const cpu = process.cpuUsage();
    const output = run.run(spec.n);
    const used = process.cpuUsage(cpu);
    const ownMs = (used.user + used.system) / 1000;
    // CPUs other processes kept busy during the run (measurable from about 0.2 s on)
    const busyAfter = machineBusyMs();
    const others = busy !== undefined && busyAfter !== undefined && output.timing.totalMs > 200 ? Math.max(0, (busyAfter - busy - ownMs) / output.timing.totalMs) : 0;
    peakRssMb = Math.max(peakRssMb, Math.round(process.resourceUsage().maxRSS / 1024));
    const gcOfRun = await flushGc(observer, () => gcMs);
    if (others >= BUSY_LIMIT && retries < 3) {
      // disturbed: wait for the other processes, then run it again
      retries++;
      cleanUp(output);
      await waitForQuiet(60);
      r--;
      continue;
    }
    othersBusy = Math.max(othersBusy, others);
    cpuTimes.push(ownMs);
    gcTimes.push(gcOfRun);
    timings.push(output.timing);
    if (r === spec.reps - 1) out = digest(output.outdir);
    cleanUp(output);
  }
  gc();
  const retainedHeapMb = mb(process.memoryUsage().heapUsed);
  const totalMs = median(timings.map(t => t.totalMs));
  const medianIndex = timings.indexOf([...timings].sort((a, b) => a.totalMs - b.totalMs)[timings.length >> 1]);
  return {
    ...spec,
    totalMs,
    defineMs: median(timings.map(t => t.defineMs)),
    synthMs: median(timings.map(t => t.synthMs)),
    msPerApp: totalMs / spec.n,
    totalsMs: timings.map(t => Math.round(t.totalMs * 10) / 10),
    gcMs: Math.round(gcTimes[medianIndex]),
    cpuMs: Math.round(cpuTimes[medianIndex]),
    peakRssMb,
    baseRssMb,
    retainedHeapMb,
    othersBusy: Math.round(othersBusy * 100) / 100,
    retries,
    ...out!,
  };
}

/** Entry point of the child process: the spec is the JSON argument after `--worker`. */
export async function workerMain(json: string) {
  const spec = JSON.parse(json) as BatchSpec;
  let result: Array<PointResult | SkippedPoint> | { error: string };
  try {
    if (!availableScenarios().some(s => s.name === spec.strategy)) throw new Error(`strategy ${spec.strategy} is not exported by lib/index.ts`);
    result = await runBatch(spec);
  } catch (e) {
    result = { error: (e as Error).stack ?? String(e) };
  }
  if (process.send) process.send(result, () => process.exit(0));
  else process.stdout.write(`${JSON.stringify(result)}\n`);
}
