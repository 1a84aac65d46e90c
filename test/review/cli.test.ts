/**
 * `cdk8s-delivery diff` on a fixture project: a Git repository in a
 * temporary folder with a synth program, its cdk8s.yaml and its committed
 * dist/. The tests of the flow run in order on one repository (each changes
 * the program as a developer would); they call `main` in-process, which runs
 * the program as the command does. One test spawns the bin itself.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExitCode, main } from '../../lib/review/cli';
import { COMMENT_MARKER } from '../../lib/review/report-markdown';
import { commit, fixtureProject, LIB, NODE, program, synthProgram, TSX } from '../support/release-fixtures';

/** Runs the command in-process in `dir`. */
function run(dir: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { cwd: dir, stdout: t => { out += t; }, stderr: t => { err += t; } });
  return { code, out, err };
}

describe('a release, step by step', () => {
  let dir: string;
  beforeAll(() => { dir = fixtureProject(); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('no-op: the committed dist/ equals a fresh synth; --check passes', () => {
    const r = run(dir, 'diff', '--check');
    expect([r.code, r.err]).toEqual([ExitCode.OK, '']);
    expect(r.out).toBe('Release review: dist/ -> a fresh synth\nNothing changes: the output is the same.\n\n');
  });

  test('stale dist: the program changed but dist/ was not synthesized; --check fails with exit 2 and says what would roll out', () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), program('1.1'));
    const r = run(dir, 'diff', '--check');
    expect(r.code).toBe(ExitCode.STALE);
    expect(r.out).toContain(`! dist/ is stale: it differs from a fresh synth of ${NODE} --import ${TSX} main.ts; synthesize and commit it`);
    expect(r.out).toContain('1. prod/web: Rolling update\n   changes: image web: ghcr.io/acme/web 1.0 → 1.1\n');
    expect(run(dir, 'diff').code).toBe(ExitCode.OK);
  });

  test('stale and risky: exit 2 (stale wins), and stderr gives both verdicts', () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), program('1.1', { recreate: true }));
    const r = run(dir, 'diff', '--check');
    expect(r.code).toBe(ExitCode.STALE);
    expect(r.err).toBe('cdk8s-delivery diff: dist/ is stale (exit 2)\ncdk8s-delivery diff: the release holds risky changes (exit 3, reported as 2 while dist/ is stale)\n');
    expect(r.out).toContain('RISKY:\n');
  });

  test('--ref: the committed change against the base, as Markdown for the PR; a risky change exits 3', () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), program('1.1', { recreate: true }));
    synthProgram(dir);
    commit(dir, {}, 'web 1.1, Recreate');
    const r = run(dir, 'diff', '--ref', 'HEAD~1', '--check', '--markdown-file', 'review.md');
    expect(r.code).toBe(ExitCode.RISKY);
    expect(r.out).toContain('Release review: dist/ at HEAD~1 -> a fresh synth');
    const markdown = fs.readFileSync(path.join(dir, 'review.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(markdown).toContain('| 1 | `prod/web` | image `web`: ghcr.io/acme/web 1.0 → 1.1; settings | Recreate | at once |');
    expect(markdown).toContain('### ⚠️ Risky changes\n\n- `prod/web`: Recreate: all 3 pod(s) of `web` stop before new ones serve: downtime until the first new pod is ready');
  });

  test('the package\'s bin runs the command', () => {
    const r = spawnSync(process.execPath, ['--import', TSX, path.join(LIB, 'review', 'bin.ts'), 'diff', '--format', 'markdown'], { cwd: dir, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([ExitCode.OK, '']);
    expect(r.stdout).toContain(`${COMMENT_MARKER}\n## Release review\n\nFrom dist/ to a fresh synth: Nothing changes`);
  });

  test('a program that writes elsewhere than $CDK8S_OUTDIR is refused, naming the fix', () => {
    fs.writeFileSync(path.join(dir, 'main.ts'), program('1.2', { outdir: 'elsewhere' }));
    const r = run(dir, 'diff');
    expect(r.code).toBe(ExitCode.ERROR);
    expect(r.err).toMatch(/wrote no output into \$CDK8S_OUTDIR \(.*\): leave GitOpsLayout's outdir \(and your App's\) unset/);
  });
});

describe('usage', () => {
  test('without cdk8s.yaml and --app it says how to give the synth command', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-usage-'));
    const r = run(dir, 'diff');
    expect(r.code).toBe(ExitCode.ERROR);
    expect(r.err).toBe(`cdk8s-delivery diff: no cdk8s.yaml in ${dir}: give the command that synthesizes with --app "<command>", or run in the project folder\n`);
  });

  test('an unknown option or command prints the usage and exits 1; --help exits 0', () => {
    expect(run(os.tmpdir(), 'diff', '--nope').err).toMatch(/^cdk8s-delivery diff: unknown option '--nope'\n\nUsage: cdk8s-delivery diff/);
    expect(run(os.tmpdir(), 'review').code).toBe(ExitCode.ERROR);
    expect(run(os.tmpdir(), 'diff', '--format', 'html').err).toBe('cdk8s-delivery diff: --format html: use text or markdown\n');
    const help = run(os.tmpdir(), 'diff', '--help');
    expect([help.code, help.out.split('\n')[0]]).toEqual([ExitCode.OK, 'Usage: cdk8s-delivery diff [options]']);
  });
});
