/**
 * The benchmark report: the table (text for the terminal, Markdown for
 * bench/RESULTS.md), and the checks against the targets of the issue.
 */
import { DiffReport, diffMarkdown, diffText } from './diff';
import { StartupReport } from './startup';
import { Variant } from './variants';
import { PointResult } from './worker';

/** One strategy at one N. */
export interface Row {
  readonly strategy: string;
  readonly objects: string;
  readonly n: number;
  readonly results: Partial<Record<Variant, PointResult>>;
  /** Why a variant has no result (skipped, failed). */
  readonly notes: Partial<Record<Variant, string>>;
  /** Whether the library wrote exactly the floor's files (same paths, same bytes). */
  identical?: boolean;
}

/** One target check. */
export interface Target {
  readonly strategy: string;
  readonly name: string;
  readonly value: string;
  readonly limit: string;
  readonly pass: boolean;
}

/** Everything one run measured. */
export interface Report {
  readonly date: string;
  readonly machine: { cpus: number; cpu: string; memoryGb: number; node: string; platform: string };
  readonly options: Record<string, unknown>;
  readonly versions: Record<string, string>;
  durationS: number;
  readonly rows: Row[];
  targets: Target[];
  readonly startup?: StartupReport;
  /** The release review against the synth (`--diff-runs 0` skips it). */
  readonly diff?: DiffReport;
  readonly notExported: string[];
}

/** The targets of the issue: linear (10,000 vs 100 within 1.3×), within 2× of the floor, under 1 GB, README synth within 1.5× of bare cdk8s. */
export function targets(report: Report): Target[] {
  const out: Target[] = [];
  const strategies = [...new Set(report.rows.map(r => r.strategy))];
  for (const strategy of strategies) {
    const rows = report.rows.filter(r => r.strategy === strategy && r.results.library);
    if (!rows.length) continue;
    const last = rows[rows.length - 1];
    const lib = last.results.library!;
    const at = last.n === 10000 ? '' : ` (at N = ${last.n}; the target is for 10,000)`;
    const base = rows.find(r => r.n === 100)?.results.library;
    if (lib.reference) {
      // the target: against N = 100 timed in the same process just before and after (the machine's speed drifts)
      const ratio = lib.msPerApp / ((lib.reference.before + lib.reference.after) / 2);
      out.push({ strategy, name: `ms/app at N = ${last.n} / at N = ${lib.reference.n} (timed just before and after, same process)${at}`, value: ratio.toFixed(2), limit: '<= 1.3', pass: ratio <= 1.3 });
    } else if (base && last.n > 100) {
      const ratio = lib.msPerApp / base.msPerApp;
      out.push({ strategy, name: `ms/app at N = ${last.n} / at N = 100${at}`, value: ratio.toFixed(2), limit: '<= 1.3', pass: ratio <= 1.3 });
    }
    const unvalidated = last.results['library-unvalidated'];
    if (unvalidated) {
      const ratio = lib.msPerApp / unvalidated.msPerApp;
      out.push({ strategy, name: `validation on / off (validate: false) at N = ${last.n}${at}`, value: ratio.toFixed(2), limit: '<= 1.3', pass: ratio <= 1.3 });
    }
    const floor = last.results.floor;
    if (floor) {
      const ratio = lib.msPerApp / floor.msPerApp;
      out.push({ strategy, name: `library / floor at N = ${last.n}${at}`, value: ratio.toFixed(2), limit: '<= 2', pass: ratio <= 2 });
    }
    out.push({ strategy, name: `library peak memory at N = ${last.n}${at}`, value: `${lib.peakRssMb} MB`, limit: '< 1024 MB', pass: lib.peakRssMb < 1024 });
    const compared = rows.filter(r => r.identical !== undefined);
    if (compared.length) {
      out.push({ strategy, name: 'library YAML = floor YAML, byte for byte', value: `${compared.filter(r => r.identical).length}/${compared.length} sizes`, limit: 'all', pass: compared.every(r => r.identical) });
    }
  }
  const s = report.startup;
  if (s?.readmeVsCdk8sSynth !== undefined) {
    out.push({ strategy: '-', name: '`npm run synth` (examples) / `cdk8s synth` (baseline app)', value: s.readmeVsCdk8sSynth.toFixed(2), limit: '<= 1.5', pass: s.readmeVsCdk8sSynth <= 1.5 });
  }
  for (const d of report.diff?.scenarios ?? []) {
    out.push({ strategy: '-', name: `\`cdk8s-delivery diff\` / synth: ${d.label}`, value: d.ratio.toFixed(2), limit: `<= ${d.limit}`, pass: d.ratio <= d.limit });
  }
  return out;
}

const fmt = {
  ms: (r?: PointResult) => (r ? (r.msPerApp < 10 ? r.msPerApp.toFixed(3) : r.msPerApp.toFixed(1)) : ''),
  total: (r?: PointResult) => (r ? `${(r.totalMs / 1000).toFixed(r.totalMs < 10000 ? 2 : 1)} s` : ''),
  peak: (r?: PointResult) => (r ? `${r.peakRssMb} MB` : ''),
  ratio: (a?: PointResult, b?: PointResult) => (a && b ? (a.msPerApp / b.msPerApp).toFixed(2) : ''),
};

const HEADER = ['N', 'library ms/app', 'library total', 'library peak RSS', 'validate: false ms/app', 'validation on / off', 'floor ms/app', 'floor total', 'floor peak RSS',
  'plain cdk8s ms/app', 'plain cdk8s total', 'plain cdk8s peak RSS', 'library / floor', 'library / plain cdk8s', 'YAML = floor'];

function cells(row: Row): string[] {
  const { library, floor } = row.results;
  const unvalidated = row.results['library-unvalidated'];
  const plain = row.results['plain-cdk8s'];
  const plainNote = row.notes['plain-cdk8s'];
  const skipped = plainNote?.startsWith('skipped') ? 'skipped' : plainNote?.startsWith('not run') ? 'not run' : plainNote ? 'failed' : '';
  return [
    row.n.toLocaleString('en-US'),
    fmt.ms(library) || (row.notes.library ? 'failed' : ''), fmt.total(library), fmt.peak(library),
    fmt.ms(unvalidated) || (row.notes['library-unvalidated'] ? 'failed' : ''), fmt.ratio(library, unvalidated),
    fmt.ms(floor) || (row.notes.floor ? 'failed' : ''), fmt.total(floor), fmt.peak(floor),
    fmt.ms(plain) || skipped, fmt.total(plain), fmt.peak(plain),
    fmt.ratio(library, floor), fmt.ratio(library, plain),
    row.identical === undefined ? '' : row.identical ? 'yes' : 'NO',
  ];
}

function notes(rows: Row[]): string[] {
  const skipped = rows.flatMap(r => Object.entries(r.notes).map(([v, note]) => `N = ${r.n.toLocaleString('en-US')}, ${v}: ${note}`));
  const busy = rows.flatMap(r => Object.entries(r.results)
    .filter(([, p]) => (p?.othersBusy ?? 0) >= 0.25)
    .map(([v, p]) => `N = ${r.n.toLocaleString('en-US')}, ${v}: other processes kept ${p!.othersBusy.toFixed(2)} CPUs busy during the run (noisy)`));
  return [...skipped, ...busy];
}

/** Where the library's time goes at the largest N: defining the constructs, synthesizing, and GC within both. */
function breakdown(rows: Row[]): string | undefined {
  const last = [...rows].reverse().find(r => r.results.library);
  const lib = last?.results.library;
  if (!last || !lib) return undefined;
  const per = (ms: number) => (ms / last.n).toFixed(3);
  const ref = lib.reference ? ` N = ${lib.reference.n} timed in the same process just before and after: ${lib.reference.before.toFixed(3)} and ${lib.reference.after.toFixed(3)} ms/app.` : '';
  return `Library at N = ${last.n.toLocaleString('en-US')}, per app: defining the constructs ${per(lib.defineMs)} ms, synth ${per(lib.synthMs)} ms `
    + `(GC ${per(lib.gcMs)} ms of the total; CPU time of all threads ${per(lib.cpuMs)} ms); ${lib.files.toLocaleString('en-US')} files, `
    + `${(lib.bytes / 1048576).toFixed(0)} MB written (${lib.otherFiles.toLocaleString('en-US')} of them rollout plans).${ref}`;
}

/** The report as plain text for the terminal. */
export function renderText(report: Report): string {
  const lines: string[] = [''];
  const strategies = [...new Set(report.rows.map(r => r.strategy))];
  for (const strategy of strategies) {
    const rows = report.rows.filter(r => r.strategy === strategy);
    lines.push(`${strategy}: ${rows[0].objects}`);
    const table = [HEADER, ...rows.map(cells)];
    const widths = HEADER.map((_, i) => Math.max(...table.map(r => r[i].length)));
    for (const r of table) lines.push(`  ${r.map((c, i) => c.padStart(widths[i])).join('  ')}`);
    const b = breakdown(rows);
    if (b) lines.push(`  ${b}`);
    for (const note of notes(rows)) lines.push(`  ${note}`);
    lines.push('');
  }
  if (report.startup) {
    lines.push('Synth commands (wall time, median):');
    for (const r of report.startup.results) lines.push(`  ${String(r.medianMs).padStart(6)} ms  ${r.label}${r.error ? `  FAILED: ${r.error}` : ''}`);
    lines.push('');
  }
  if (report.diff) lines.push(...diffText(report.diff));
  lines.push('Targets:');
  for (const t of report.targets) lines.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.strategy === '-' ? '' : `${t.strategy}: `}${t.name} = ${t.value} (${t.limit})`);
  lines.push('', `${report.machine.cpus} × ${report.machine.cpu}, node ${report.machine.node}; ran ${report.durationS} s`, '');
  return lines.join('\n');
}

/** The command that reruns this report's matrix and writes bench/RESULTS.md. */
function rerunCommand(report: Report): string {
  const o = report.options as { sizes?: number[]; maxOf?: Record<string, number> };
  const max = Math.max(...(o.sizes ?? [10000]));
  const maxes = Object.values(o.maxOf ?? {});
  const full = maxes.length > 1 && maxes.every(m => m >= max);
  return `npm run bench -- ${full ? '--full ' : ''}${max !== 10000 ? `--max ${max} ` : ''}--md bench/RESULTS.md`;
}

/** The report as Markdown (bench/RESULTS.md). */
export function renderMarkdown(report: Report): string {
  const m = report.machine;
  const out: string[] = [
    '# Synthesis benchmark results',
    '',
    `Measured ${report.date.slice(0, 10)} on ${m.cpus} × ${m.cpu} (${m.memoryGb} GB), ${m.platform}, node ${m.node}; `
      + `${Object.entries(report.versions).map(([k, v]) => `${k} ${v}`).join(', ')}. The whole run took ${Math.round(report.durationS / 60 * 10) / 10} min. `
      + `Regenerate with \`${rerunCommand(report)}\`.`,
    '',
    'Each point defines N apps and synthesizes them into a fresh output folder (on tmpfs, so disk speed does not count), '
      + 'in a child process after a warm-up of 100 apps; N = 10,000 gets a process of its own, smaller N share one. The time '
      + 'is the median of 5 runs for N <= 100, and 1 run for N = 1,000 and 10,000. "peak RSS" is the '
      + 'peak resident memory of that process, including about 110-150 MB of loaded modules. A run during which other '
      + 'processes kept a quarter of a CPU or more busy is repeated (up to 3 times) once they are done.',
    '',
    '- **library**: `GitOpsLayout` with one environment and N apps (`addApp` + the strategy construct), `synth()`: one file per '
      + 'object and a `kustomization.yaml` per app folder, a Flux Kustomization and a Namespace per app in `clusters/`, and a '
      + 'Markdown rollout plan per app plus an index in `plans/`. Every object is validated before anything is written '
      + '(schemas, Pod Security Standards, wiring, ownership); **validate: false** is the same synth without it.',
    '- **floor**: the same objects built as plain JS object literals, dumped with the `yaml` package that cdk8s uses, with '
      + 'cdk8s\' options (YAML 1.1 schema, no line folding), and written into the same files. "YAML = floor" checks the library '
      + 'wrote the same YAML files, byte for byte. The floor writes no rollout plans: that work counts against the library.',
    '- **plain cdk8s**: one cdk8s `App` with one `Chart` per app holding the same constructs (plus the Flux Kustomization and '
      + 'Namespace), `app.synth()` (a file per chart). Every `chart.toJson()` resolves and validates the whole App, so it is '
      + 'quadratic: once a point takes over 5 s, larger N whose time extrapolated as N² exceeds 60 s are skipped.',
    '',
  ];
  const strategies = [...new Set(report.rows.map(r => r.strategy))];
  for (const strategy of strategies) {
    const rows = report.rows.filter(r => r.strategy === strategy);
    out.push(`## ${strategy}`, '', `Per app: ${rows[0].objects}.`, '');
    out.push(`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i === 0 ? '---:' : '---:')).join('|')}|`);
    for (const r of rows) out.push(`| ${cells(r).join(' | ')} |`);
    const b = breakdown(rows);
    if (b) out.push('', b);
    const n = notes(rows);
    if (n.length) out.push('', ...n.map(x => `- ${x}`));
    out.push('');
  }
  if (report.startup) {
    out.push('## Synth commands', '', 'Wall time of whole commands (process start to exit), median of '
      + `${report.options.startupRuns} runs after a warm-up, writing to a temporary folder, \`CDK8S_CHECK_UPGRADE=false\`. `
      + `The examples synthesize ${report.startup.exampleFiles ?? '?'} files; the baseline (bench/baseline-app) is one hand-written Deployment `
      + 'on the cdk8s L1 classes, one App, one Chart.', '');
    out.push('| command | folder | median | min |', '|---|---|---:|---:|');
    for (const r of report.startup.results) out.push(`| ${r.label} | ${r.cwd} | ${r.error ? `failed: ${r.error}` : `${(r.medianMs / 1000).toFixed(2)} s`} | ${r.error ? '' : `${(r.minMs / 1000).toFixed(2)} s`} |`);
    out.push('');
  }
  if (report.diff) out.push(...diffMarkdown(report.diff));
  out.push('## Targets', '', '| | check | measured | target | |', '|---|---|---:|---:|---|');
  for (const t of report.targets) out.push(`| ${t.strategy === '-' ? '' : t.strategy} | ${t.name} | ${t.value} | ${t.limit} | ${t.pass ? 'pass' : '**FAIL**'} |`);
  out.push('');
  if (report.notExported.length) out.push(`Not measured (not exported by lib/index.ts at the time): ${report.notExported.join(', ')}.`, '');
  return out.join('\n');
}
