/**
 * The release review's speed: `cdk8s-delivery diff` runs the synth program
 * itself, then reads and compares both outputs, so it is timed against the
 * synth alone. Two scenarios, each command run `runs` times after one
 * untimed warm-up, interleaved, the median counting:
 *
 * - examples: `npm run synth` (and the bare `node --import tsx
 *   examples/main.ts` it runs) against `cdk8s-delivery diff` in the project
 *   folder (dist/ is up to date, so every file is compared and none parsed);
 * - N apps (default 1,000) of the CanaryApp bundle, one of which gets a new
 *   image tag: the program's synth against `diff` of the committed output.
 *
 * The command is the compiled JavaScript users run (lib/ compiled with tsc
 * into bench/results/diff-lib/ first, removed afterwards).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { treeFromFolder } from '../lib/review/output-tree';
import { reviewRelease } from '../lib/review/review';

/** One scenario: the synth command and the diff, timed. */
export interface DiffScenario {
  readonly label: string;
  readonly synthLabel: string;
  readonly synthMs: number;
  readonly diffMs: number;
  /** diff / synth. */
  readonly ratio: number;
  /** The most diff / synth may be. */
  readonly limit: number;
  /** The bare node command the diff runs (examples only). */
  readonly bareSynthMs?: number;
  /** Reading and comparing the two outputs alone, in-process (the large scenario only). */
  readonly compareMs?: number;
}

/** What the diff benchmark measured. */
export interface DiffReport {
  /** When (ISO date) and how busy the machine was (1-minute load average per CPU) at the start. */
  readonly date: string;
  readonly loadPerCpu: number;
  readonly runs: number;
  readonly apps: number;
  readonly scenarios: DiffScenario[];
}

const ROOT = path.resolve(__dirname, '..');
const TSX = ['--import', 'tsx'];

interface Timed { cmd: string; args: string[]; env?: Record<string, string>; outdir?: () => string }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command in the project folder; returns its wall time, or throws with its output. */
function time(c: Timed, keep = false): number {
  const outdir = c.outdir?.();
  const env = { ...process.env, ...c.env, ...(outdir ? { CDK8S_OUTDIR: outdir } : {}) };
  const start = performance.now();
  const r = spawnSync(c.cmd, c.args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  // like diff, which deletes its temporary output, so that outputs do not pile up between runs
  if (outdir && !keep) fs.rmSync(outdir, { recursive: true, force: true });
  // diff exits 0, or 3 when the release is risky; both are a review
  if (r.status !== 0 && r.status !== 3) throw new Error(`${c.cmd} ${c.args.join(' ')}: exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return ms;
}

/** The median of each command over `runs` interleaved runs after a warm-up. */
function measure(commands: Timed[], runs: number): number[] {
  const times: number[][] = commands.map(() => []);
  for (let r = -1; r < runs; r++) commands.forEach((c, i) => { const ms = time(c); if (r >= 0) times[i].push(ms); });
  return times.map(t => Math.round(median(t)));
}

/** lib/ compiled into `dir` (inside the project, so it finds node_modules) with tsc: the command as users run it. */
function compile(dir: string): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--outDir', dir, '--declaration', 'false'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`);
  return path.join(dir, 'review', 'bin.js');
}

/** Measures both scenarios. */
export function measureDiff(runs: number, apps: number, log: (line: string) => void): DiffReport {
  const date = new Date().toISOString().slice(0, 10);
  const loadPerCpu = Math.round((os.loadavg()[0] / os.cpus().length) * 100) / 100;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-delivery-diff-bench-'));
  let n = 0;
  const fresh = () => path.join(tmp, `out-${n++}`);
  const scenarios: DiffScenario[] = [];
  const compiled = path.join(ROOT, 'bench', 'results', 'diff-lib');
  try {
    log('diff: compiling lib/');
    const bin = compile(compiled);
    log('diff: examples');
    const [npm, bare, diff] = measure([
      { cmd: 'npm', args: ['run', '--silent', 'synth'], outdir: fresh },
      { cmd: process.execPath, args: [...TSX, 'examples/main.ts'], outdir: fresh },
      { cmd: process.execPath, args: [bin, 'diff'] },
    ], runs);
    scenarios.push({ label: 'examples, dist/ up to date', synthLabel: '`npm run synth`', synthMs: npm, diffMs: diff, ratio: diff / npm, limit: 1.5, bareSynthMs: bare });
    log(`diff: ${apps} CanaryApps, one changed`);
    const committed = path.join(tmp, 'committed');
    const program = [...TSX, 'bench/diff-program.ts'];
    const env = { BENCH_APPS: String(apps) };
    time({ cmd: process.execPath, args: program, env, outdir: () => committed }, true);
    const release = { ...env, BENCH_CHANGED: '7' };
    const [synth, review] = measure([
      { cmd: process.execPath, args: program, env: release, outdir: fresh },
      { cmd: process.execPath, args: [bin, 'diff', '--app', `"${process.execPath}" ${program.join(' ')}`, '--out', committed], env: release },
    ], runs);
    const released = path.join(tmp, 'released');
    time({ cmd: process.execPath, args: program, env: release, outdir: () => released }, true);
    const compares: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      reviewRelease(treeFromFolder(committed, 'committed'), treeFromFolder(released, 'released'));
      compares.push(performance.now() - start);
    }
    scenarios.push({
      label: `${apps.toLocaleString('en-US')} CanaryApps, one with a new image`, synthLabel: '`node --import tsx bench/diff-program.ts`',
      synthMs: synth, diffMs: review, ratio: review / synth, limit: 2, compareMs: Math.round(median(compares)),
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(compiled, { recursive: true, force: true });
  }
  return { date, loadPerCpu, runs, apps, scenarios };
}

/** The section of bench/RESULTS.md. */
export function diffMarkdown(report: DiffReport): string[] {
  const out = [
    '## Release review (`cdk8s-delivery diff`)', '',
    `Measured ${report.date} (load ${report.loadPerCpu} per CPU at the start: other processes shared the machine). Wall time of whole commands, median of ${report.runs} interleaved runs after a warm-up. `
      + '`diff` runs the synth program itself into a temporary folder, then compares both outputs; the command is lib/ compiled to JavaScript. '
      + 'In the examples dist/ is up to date (every file compared, none parsed); in the large scenario one app of the program gets a new image tag.', '',
    '| scenario | synth command | synth | diff | diff / synth | target | |', '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const s of report.scenarios) {
    out.push(`| ${s.label} | ${s.synthLabel} | ${(s.synthMs / 1000).toFixed(2)} s | ${(s.diffMs / 1000).toFixed(2)} s | ${s.ratio.toFixed(2)} | <= ${s.limit} | ${s.ratio <= s.limit ? 'pass' : '**FAIL**'} |`);
  }
  const bare = report.scenarios.find(s => s.bareSynthMs !== undefined);
  if (bare) out.push('', `Against the bare \`node --import tsx examples/main.ts\` (${(bare.bareSynthMs! / 1000).toFixed(2)} s), the command \`diff\` itself runs, the examples' diff takes ${(bare.diffMs / bare.bareSynthMs!).toFixed(2)}×.`);
  const large = report.scenarios.find(s => s.compareMs !== undefined);
  if (large) out.push('', `Reading and comparing both outputs of the large scenario takes ${(large.compareMs! / 1000).toFixed(2)} s in-process; the rest of \`diff\` is the synth it runs.`);
  out.push('');
  return out;
}

/** The section as terminal text. */
export function diffText(report: DiffReport): string[] {
  return ['Release review (cdk8s-delivery diff), median wall time:', ...report.scenarios.map(s => `  ${s.ratio <= s.limit ? 'PASS' : 'FAIL'}  ${s.label}: synth ${s.synthMs} ms, diff ${s.diffMs} ms, ${s.ratio.toFixed(2)}× (<= ${s.limit})`), ''];
}

/** Replaces the section of `markdown` that starts with `heading`, or puts it before "## Targets" (or at the end). */
export function spliceSection(markdown: string, section: string[]): string {
  const heading = section[0];
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start >= 0) {
    const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
    lines.splice(start, (end < 0 ? lines.length : end) - start, ...section);
  } else {
    const targets = lines.indexOf('## Targets');
    lines.splice(targets < 0 ? lines.length : targets, 0, ...section);
  }
  return lines.join('\n');
}
