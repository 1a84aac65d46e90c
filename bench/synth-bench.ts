/**
 * Synthesis benchmark: N apps of each strategy bundle (N = 10, 100, 1,000,
 * 10,000) through the library's synth path (`GitOpsLayout.synth()`), the
 * floor (the same objects as plain JS dumped with `yaml` into the same files)
 * and plain cdk8s (one App, one Chart per app, `app.synth()`); plus the wall
 * time of the README synth command against a bare `cdk8s synth`. Prints a
 * table, writes it as JSON to bench/results/ (git-ignored) and, with --md, as
 * Markdown (bench/RESULTS.md). Not part of the test suite.
 *
 *   npm run bench                        # CanaryApp to N = 10,000, the other strategies to 1,000 (~7 min)
 *   npm run bench -- --full              # every strategy to N = 10,000 (~14 min)
 *   npm run bench -- --max 1000          # quicker (~4 min)
 *   npm run bench -- --strategies CanaryApp --variants library,floor
 *   npm run bench -- --full --md bench/RESULTS.md
 *   npm run bench -- --validation-only --md bench/RESULTS.md   # validation on vs off at N = 10,000 (~4 min)
 *
 * Options: --max N (largest N; default 10,000), --others-max N (largest N for
 * the strategies other than CanaryApp, the issue's bundle, unless they are
 * named with --strategies; default 1,000; plain cdk8s runs to 1,000 for
 * CanaryApp and to 100 for the others), --full (every strategy to --max),
 * --sizes 10,100,..., --strategies A,B, --variants
 * library,library-unvalidated,floor,plain-cdk8s, --plain-budget-s 60 (plain cdk8s is quadratic:
 * once a point takes over 5 s, a larger N whose time extrapolated as N² would
 * exceed this is skipped),
 * --startup-runs 5 (0 skips the command timing), --json FILE, --md FILE,
 * --from-json FILE (print a saved report again, and with --md write it),
 * --diff-runs 3 (runs of the release review benchmark, bench/diff.ts; 0
 * skips it), --diff-apps 1000 (apps of its large scenario), --diff-only
 * (only the release review: printed, and with --md written into that file's
 * section of its own, the rest of the file kept), --validation-only
 * (only validation on vs off, bench/validation.ts: --validation-runs 3 runs
 * each at --max, CanaryApp or the first of --strategies; with --md written
 * into that file's section of its own),
 * --cpu-prof (profiles every point into bench/results/prof/), --quiet-wait-s
 * 120 (before each point, wait up to this long for other processes to leave
 * the CPUs idle; 0 never waits).
 *
 * Each point runs in a fresh process (`worker.ts`), so its peak memory is its own.
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { waitForQuiet } from './machine';
import { renderMarkdown, renderText, Report, Row, targets } from './report';
import { availableScenarios, missingScenarios } from './scenarios';
import { diffMarkdown, diffText, measureDiff, spliceSection } from './diff';
import { measureStartup } from './startup';
import { measureValidation, validationMarkdown, validationText } from './validation';
import { VARIANTS, Variant } from './variants';
import { BatchSpec, PointResult, skipReason, SkippedPoint, workerMain } from './worker';

const RESULTS = path.join(__dirname, 'results');

/** The bundle the issue's targets are stated for: it always runs to --max. */
const HEADLINE = 'CanaryApp';

interface Options {
  sizes: number[];
  /** The largest N for each strategy. */
  maxOf: Record<string, number>;
  /** The largest N of plain cdk8s for each strategy. */
  plainMaxOf: Record<string, number>;
  strategies: string[];
  variants: Variant[];
  plainBudgetS: number;
  startupRuns: number;
  diffRuns: number;
  diffApps: number;
  json: string;
  md?: string;
  cpuProf: boolean;
  timeoutS: number;
  quietWaitS: number;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (name: string) => get(name)?.split(',').map(s => s.trim()).filter(Boolean);
  const max = Number(get('max') ?? 10000);
  const othersMax = argv.includes('--full') ? max : Math.min(max, Number(get('others-max') ?? 1000));
  const sizes = (list('sizes')?.map(Number) ?? [10, 100, 1000, 10000]).filter(n => n <= max);
  const available = availableScenarios().map(s => s.name);
  const named = list('strategies');
  const strategies = named ?? available;
  const full = argv.includes('--full');
  const maxOf = Object.fromEntries(strategies.map(s => [s, named || s === HEADLINE ? max : othersMax]));
  // plain cdk8s is quadratic (17-33 s per strategy at N = 1,000): the headline bundle (or named ones, or --full) goes to 1,000, the others to 100
  const plainMaxOf = Object.fromEntries(strategies.map(s => [s, named || full || s === HEADLINE ? max : Math.min(max, 100)]));
  for (const s of strategies) if (!available.includes(s)) throw new Error(`--strategies: '${s}' is not exported by lib/index.ts (available: ${available.join(', ')})`);
  const variants = (list('variants') ?? [...VARIANTS]) as Variant[];
  for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`--variants: '${v}' is not one of ${VARIANTS.join(', ')}`);
  return {
    sizes,
    maxOf,
    plainMaxOf,
    strategies,
    variants,
    plainBudgetS: Number(get('plain-budget-s') ?? 60),
    startupRuns: Number(get('startup-runs') ?? 5),
    diffRuns: Number(get('diff-runs') ?? 3),
    diffApps: Number(get('diff-apps') ?? 1000),
    json: get('json') ?? path.join(RESULTS, 'synth-bench.json'),
    md: get('md'),
    cpuProf: argv.includes('--cpu-prof'),
    timeoutS: Number(get('timeout-s') ?? 600),
    quietWaitS: Number(get('quiet-wait-s') ?? 120),
  };
}

/** Timed repetitions per point: more for small N, where a run is short and noisy. */
function repsFor(n: number): number {
  return n <= 100 ? 5 : 1;
}

/** Runs a batch of points in a child process. */
function runChild(spec: BatchSpec, opts: Options): Promise<Array<PointResult | SkippedPoint>> {
  const execArgv = [...process.execArgv];
  const name = `${spec.strategy}-${spec.variant}-${spec.points.map(p => p.n).join('-')}`;
  if (opts.cpuProf) execArgv.push('--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS, 'prof', name)}`);
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--worker', JSON.stringify(spec)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: Array<PointResult | SkippedPoint> | { error: string } | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${opts.timeoutS} s`));
    }, opts.timeoutS * 1000);
    child.on('message', m => { result = m as typeof result; });
    child.on('exit', code => {
      clearTimeout(timer);
      if (Array.isArray(result)) resolve(result);
      else reject(new Error(result?.error ?? `worker exited with code ${code} without a result`));
    });
  });
}

/** Fresh processes for N >= 10,000 (their peak memory is a target), one shared process for the smaller N. */
function batchesOf(sizes: number[]): number[][] {
  const small = sizes.filter(n => n < 10000);
  return [...(small.length ? [small] : []), ...sizes.filter(n => n >= 10000).map(n => [n])];
}

/** `--from-json FILE [--md FILE]`: prints (and writes as Markdown) a saved report again, without measuring. */
function rerender(argv: string[]): boolean {
  const i = argv.indexOf('--from-json');
  if (i < 0) return false;
  const report = JSON.parse(fs.readFileSync(argv[i + 1], 'utf8')) as Report;
  process.stdout.write(renderText(report));
  const md = argv.indexOf('--md');
  if (md >= 0) fs.writeFileSync(argv[md + 1], renderMarkdown(report));
  return true;
}

/** `--diff-only [--md FILE]`: measures only the release review and writes its section into FILE. */
function diffOnly(opts: Options, log: (line: string) => void) {
  const report = measureDiff(Math.max(1, opts.diffRuns), opts.diffApps, log);
  process.stdout.write(`${diffText(report).join('\n')}\n`);
  if (opts.md) {
    fs.writeFileSync(opts.md, spliceSection(fs.existsSync(opts.md) ? fs.readFileSync(opts.md, 'utf8') : '', diffMarkdown(report)));
    log(`wrote ${path.relative(process.cwd(), opts.md)}`);
  }
  if (report.scenarios.some(s => s.ratio > s.limit)) process.exitCode = 1;
}

/** `--validation-only [--md FILE]`: measures validation on vs off and writes its section into FILE. */
async function validationOnly(opts: Options, argv: string[], log: (line: string) => void) {
  const i = argv.indexOf('--validation-runs');
  const runs = i >= 0 ? Number(argv[i + 1]) : 3;
  const strategy = argv.includes('--strategies') ? opts.strategies[0] : HEADLINE;
  const n = Math.max(...opts.sizes);
  if (opts.quietWaitS > 0) await waitForQuiet(opts.quietWaitS, log);
  const report = await measureValidation(spec => runChild(spec, opts), strategy, n, runs, log);
  process.stdout.write(`${validationText(report).join('\n')}\n`);
  if (opts.md) {
    fs.writeFileSync(opts.md, spliceSection(fs.existsSync(opts.md) ? fs.readFileSync(opts.md, 'utf8') : '', validationMarkdown(report)));
    log(`wrote ${path.relative(process.cwd(), opts.md)}`);
  }
  if (report.ratio > report.limit) process.exitCode = 1;
}

async function main() {
  if (rerender(process.argv.slice(2))) return;
  const opts = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (process.argv.includes('--diff-only')) return diffOnly(opts, log);
  if (process.argv.includes('--validation-only')) return validationOnly(opts, process.argv, log);
  const started = Date.now();
  const allRows: Row[] = [];
  log(`synth benchmark: ${opts.strategies.map(s => `${s} to N = ${opts.maxOf[s]}`).join(', ')}; ${opts.variants.join(', ')}`);
  const missing = missingScenarios();
  if (missing.length) log(`(not exported yet, skipped: ${missing.join(', ')})`);

  for (const strategy of opts.strategies) {
    const bundle = availableScenarios().find(s => s.name === strategy)!;
    const sizesOf = opts.sizes.filter(n => n <= opts.maxOf[strategy]);
    const rows = new Map<number, Row>(sizesOf.map(n => [n, { strategy, objects: bundle.objects, n, results: {}, notes: {} }]));
    const lastPlain: { result?: PointResult } = {};
    for (const sizes of batchesOf(sizesOf)) {
      for (const variant of opts.variants) {
        const isPlain = variant === 'plain-cdk8s';
        let points = sizes.map(n => ({ n, reps: repsFor(n) }));
        if (isPlain) {
          for (const p of points.filter(q => q.n > opts.plainMaxOf[strategy])) {
            rows.get(p.n)!.notes[variant] = `not run: plain cdk8s runs to N = ${opts.plainMaxOf[strategy]} for ${strategy} (--full or --strategies ${strategy} for more)`;
          }
          points = points.filter(p => p.n <= opts.plainMaxOf[strategy]);
        }
        if (isPlain && lastPlain.result) {
          // the rule the worker applies within a batch, applied across batches
          const last = lastPlain.result;
          for (const p of points) {
            const note = skipReason(last, p.n, opts.plainBudgetS);
            if (!note) continue;
            rows.get(p.n)!.notes[variant] = note;
            log(`  ${strategy} N=${p.n} ${variant}: ${note}`);
          }
          points = points.filter(p => !skipReason(last, p.n, opts.plainBudgetS));
        }
        if (!points.length) continue;
        const reference = variant === 'library' && points.every(p => p.n >= 10000) ? 100 : undefined;
        const spec: BatchSpec = { variant, strategy, points, warmup: 100, budgetS: isPlain ? opts.plainBudgetS : undefined, reference };
        try {
          const busyBefore = opts.quietWaitS > 0 ? await waitForQuiet(opts.quietWaitS, log) : undefined;
          for (const r of await runChild(spec, opts)) {
            const row = rows.get(r.n)!;
            if ('skipped' in r) {
              row.notes[variant] = r.skipped;
              log(`  ${strategy} N=${r.n} ${variant}: ${r.skipped}`);
              continue;
            }
            row.results[variant] = { ...r, busyBefore };
            if (isPlain) lastPlain.result = r;
            log(`  ${strategy} N=${r.n} ${variant}: ${r.msPerApp.toFixed(3)} ms/app, ${(r.totalMs / 1000).toFixed(2)} s, peak ${r.peakRssMb} MB`);
          }
        } catch (e) {
          for (const p of points) rows.get(p.n)!.notes[variant] = `failed: ${(e as Error).message.split('\n')[0]}`;
          log(`  ${strategy} N=${points.map(p => p.n).join(',')} ${variant}: failed: ${(e as Error).message}`);
        }
      }
    }
    for (const row of rows.values()) {
      const lib = row.results.library;
      const floor = row.results.floor;
      if (lib && floor) row.identical = lib.sha256 === floor.sha256;
      allRows.push(row);
    }
  }

  const startup = opts.startupRuns > 0 ? (log('synth commands (wall time):'), measureStartup(opts.startupRuns, log)) : undefined;
  const diff = opts.diffRuns > 0 ? measureDiff(opts.diffRuns, opts.diffApps, log) : undefined;
  const report: Report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    options: { sizes: opts.sizes, maxOf: opts.maxOf, plainMaxOf: opts.plainMaxOf, strategies: opts.strategies, variants: opts.variants, plainBudgetS: opts.plainBudgetS, startupRuns: opts.startupRuns, diffRuns: opts.diffRuns },
    versions: versions(),
    durationS: 0,
    rows: allRows,
    targets: [],
    startup,
    diff,
    notExported: missing,
  };
  report.targets = targets(report);
  report.durationS = Math.round((Date.now() - started) / 1000);

  process.stdout.write(renderText(report));
  fs.mkdirSync(path.dirname(opts.json), { recursive: true });
  fs.writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  const stamped = path.join(RESULTS, `synth-bench-${report.date.replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(stamped, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), opts.json)} and ${path.relative(process.cwd(), stamped)}`);
  if (opts.md) {
    fs.writeFileSync(opts.md, renderMarkdown(report));
    log(`wrote ${path.relative(process.cwd(), opts.md)}`);
  }
  const identicalFailures = allRows.filter(r => r.identical === false);
  if (identicalFailures.length) {
    log(`ERROR: library output differs from the floor for ${identicalFailures.map(r => `${r.strategy} N=${r.n}`).join(', ')}`);
    process.exitCode = 1;
  }
}

function versions(): Record<string, string> {
  const version = (pkg: string, from = __dirname) => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(require.resolve(`${pkg}/package.json`, { paths: [from] })).version as string;
    } catch {
      return 'unknown';
    }
  };
  return {
    'cdk8s': version('cdk8s'),
    'cdk8s-plus-28': version('cdk8s-plus-28'),
    'cdk8s-cli': version('cdk8s-cli'),
    'yaml (used by cdk8s)': version('yaml', path.dirname(require.resolve('cdk8s'))),
    'tsx': version('tsx'),
  };
}

if (process.argv[2] === '--worker') {
  void workerMain(process.argv[3]);
} else {
  main().catch(e => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
