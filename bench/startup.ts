/**
 * Wall time of whole synth commands: the README's `npm run synth` of the
 * examples against the bare `cdk8s synth` of a hand-written one-Deployment
 * app (bench/baseline-app). Every command writes into a temporary folder
 * (never dist/) and runs `runs` times after one untimed warm-up (which also
 * fills tsx's transform cache); the median counts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One measured command. */
export interface StartupResult {
  readonly id: string;
  readonly label: string;
  readonly command: string;
  readonly cwd: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly runsMs: number[];
  readonly error?: string;
}

/** The commands and the ratios the report prints. */
export interface StartupReport {
  readonly results: StartupResult[];
  /** `npm run synth` (examples) / `cdk8s synth` (baseline): the target is at most 1.5. */
  readonly readmeVsCdk8sSynth?: number;
  /** `node --import tsx examples/main.ts` / `node --import tsx bench/baseline-app/main.ts`. */
  readonly nodeVsNode?: number;
  readonly exampleFiles?: number;
}

const ROOT = path.resolve(__dirname, '..');
const BASELINE = path.join(__dirname, 'baseline-app');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

interface Command { id: string; label: string; cmd: string; args: string[]; cwd: string; outArg?: boolean }

const COMMANDS: Command[] = [
  { id: 'readme', label: 'examples: `npm run synth` (the README command)', cmd: 'npm', args: ['run', '--silent', 'synth'], cwd: ROOT },
  { id: 'examples-node', label: 'examples: `node --import tsx examples/main.ts`', cmd: process.execPath, args: ['--import', 'tsx', 'examples/main.ts'], cwd: ROOT },
  { id: 'examples-cdk8s', label: 'examples: `cdk8s synth` (cdk8s.yaml runs the same file)', cmd: CDK8S, args: ['synth'], cwd: ROOT, outArg: true },
  { id: 'baseline-cdk8s', label: 'baseline one-Deployment app: `cdk8s synth`', cmd: CDK8S, args: ['synth'], cwd: BASELINE, outArg: true },
  { id: 'baseline-node', label: 'baseline one-Deployment app: `node --import tsx main.ts`', cmd: process.execPath, args: ['--import', 'tsx', 'main.ts'], cwd: BASELINE },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function runOnce(c: Command, outdir: string): { ms: number; error?: string } {
  fs.rmSync(outdir, { recursive: true, force: true });
  const args = c.outArg ? [...c.args, '--output', outdir] : c.args;
  const env = { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_CHECK_UPGRADE: 'false' };
  const start = performance.now();
  const r = spawnSync(c.cmd, args, { cwd: c.cwd, env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) return { ms, error: `exit ${r.status}: ${(r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-3).join(' | ')}` };
  return { ms };
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0);
}

/** Measures every command `runs` times, interleaved (so drifts in machine speed hit all alike). */
export function measureStartup(runs: number, log: (line: string) => void): StartupReport {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-delivery-startup-'));
  const times = new Map<string, number[]>();
  const errors = new Map<string, string>();
  let exampleFiles: number | undefined;
  try {
    for (let r = -1; r < runs; r++) {
      for (const c of COMMANDS) {
        if (errors.has(c.id)) continue;
        const outdir = path.join(tmp, c.id);
        const { ms, error } = runOnce(c, outdir);
        if (error) {
          errors.set(c.id, error);
          continue;
        }
        if (c.id === 'readme') exampleFiles = countFiles(outdir);
        if (r >= 0) times.set(c.id, [...(times.get(c.id) ?? []), ms]);
      }
      if (r >= 0) log(`  startup run ${r + 1}/${runs} done`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const results: StartupResult[] = COMMANDS.map(c => {
    const runsMs = (times.get(c.id) ?? []).map(ms => Math.round(ms));
    const command = [path.basename(c.cmd) === path.basename(process.execPath) ? 'node' : path.relative(c.cwd, c.cmd) || c.cmd, ...c.args].join(' ');
    return {
      id: c.id,
      label: c.label,
      command,
      cwd: path.relative(ROOT, c.cwd) || '.',
      medianMs: runsMs.length ? Math.round(median(runsMs)) : NaN,
      minMs: runsMs.length ? Math.min(...runsMs) : NaN,
      runsMs,
      error: errors.get(c.id),
    };
  });
  const byId = (id: string) => results.find(r => r.id === id)!.medianMs;
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? a / b : undefined);
  return {
    results,
    readmeVsCdk8sSynth: ratio(byId('readme'), byId('baseline-cdk8s')),
    nodeVsNode: ratio(byId('examples-node'), byId('baseline-node')),
    exampleFiles,
  };
}
