/**
 * What validation costs: `GitOpsLayout.synth()` of N apps of one bundle with
 * validation on (the default) and off (`validate: false`), each run in a
 * fresh process, the two interleaved (on, off, off, on, ...) so that the
 * machine's drift hits both alike; the medians count. The target:
 * on within 1.3× of off at N = 10,000.
 */
import { PointResult, BatchSpec, SkippedPoint } from './worker';

/** The largest on / off ratio the target allows. */
const LIMIT = 1.3;

/** What the validation benchmark measured. */
export interface ValidationReport {
  readonly date: string;
  readonly strategy: string;
  readonly n: number;
  readonly on: PointResult[];
  readonly off: PointResult[];
  /** Median ms/app with validation on / off. */
  readonly ratio: number;
  readonly limit: number;
}

/** Runs one batch in a fresh process (synth-bench's `runChild`). */
export type BatchRunner = (spec: BatchSpec) => Promise<Array<PointResult | SkippedPoint>>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times `runs` synths of N apps with validation on and as many with it off, interleaved. */
export async function measureValidation(runBatch: BatchRunner, strategy: string, n: number, runs: number, log: (line: string) => void): Promise<ValidationReport> {
  const date = new Date().toISOString();
  const on: PointResult[] = [];
  const off: PointResult[] = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['library', 'library-unvalidated'] as const : ['library-unvalidated', 'library'] as const;
    for (const variant of order) {
      const [result] = await runBatch({ variant, strategy, points: [{ n, reps: 1 }], warmup: 100 });
      if (!result || 'skipped' in result) throw new Error(`${variant} N=${n} was not measured`);
      (variant === 'library' ? on : off).push(result);
      log(`  validation ${variant === 'library' ? 'on ' : 'off'}: ${strategy} N=${n}: ${result.msPerApp.toFixed(3)} ms/app, peak ${result.peakRssMb} MB`);
    }
  }
  const ratio = median(on.map(r => r.msPerApp)) / median(off.map(r => r.msPerApp));
  return { date, strategy, n, on, off, ratio, limit: LIMIT };
}

const ms = (rs: PointResult[]) => median(rs.map(r => r.msPerApp)).toFixed(3);
const runsOf = (rs: PointResult[]) => rs.map(r => (r.totalMs / 1000).toFixed(1)).join(', ');
const peak = (rs: PointResult[]) => Math.max(...rs.map(r => r.peakRssMb));

/** The report as lines of text. */
export function validationText(r: ValidationReport): string[] {
  return [
    `Validation on vs off (${r.strategy}, N = ${r.n.toLocaleString('en-US')}, ${r.on.length} runs each, median):`,
    `  on:  ${ms(r.on)} ms/app (runs: ${runsOf(r.on)} s), peak ${peak(r.on)} MB`,
    `  off: ${ms(r.off)} ms/app (runs: ${runsOf(r.off)} s), peak ${peak(r.off)} MB`,
    `  ${r.ratio <= r.limit ? 'PASS' : 'FAIL'}  on / off = ${r.ratio.toFixed(2)} (<= ${r.limit})`,
    '',
  ];
}

/** The report as a section of bench/RESULTS.md. */
export function validationMarkdown(r: ValidationReport): string[] {
  return [
    '## Validation on vs off',
    '',
    `Measured ${r.date.slice(0, 10)} with \`npm run bench -- --validation-only --md bench/RESULTS.md\`: \`GitOpsLayout.synth()\` of `
      + `N = ${r.n.toLocaleString('en-US')} apps of the ${r.strategy} bundle with validation on (the default: every object checked `
      + 'strictly against the schemas, the Pod Security Standards, the wiring of each app folder, one owner per object, Flux '
      + `dependencies) and off (\`validate: false\`), each run in a fresh process after a warm-up of 100 apps, ${r.on.length} runs `
      + 'of each, interleaved; the medians count.',
    '',
    '| validation | ms/app (median) | runs (total) | peak RSS |',
    '|---|---:|---|---:|',
    `| on | ${ms(r.on)} | ${runsOf(r.on)} s | ${peak(r.on)} MB |`,
    `| off | ${ms(r.off)} | ${runsOf(r.off)} s | ${peak(r.off)} MB |`,
    '',
    `On / off: **${r.ratio.toFixed(2)}** (target <= ${r.limit}: ${r.ratio <= r.limit ? 'pass' : '**FAIL**'}).`,
    '',
  ];
}
