/**
 * The CI recipe in examples/ci/ calls `cdk8s-delivery diff` with options
 * the command knows, and acts on its exit codes; the pre-commit hook
 * reviews the staged files (run on a fixture project).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { ExitCode, parseOptions } from '../../lib/review/cli';
import { fixtureProject, git, LIB, NODE, program, synthProgram, TSX } from '../support/release-fixtures';

const CI = path.resolve(__dirname, '..', '..', 'examples', 'ci');
const HOOK = path.join(CI, 'pre-commit');

/** The arguments after `cdk8s-delivery diff` in a shell line. */
function diffArgs(script: string): string[] {
  const line = script.split('\n').find(l => l.includes('cdk8s-delivery diff'))!;
  return line.slice(line.indexOf('cdk8s-delivery diff') + 'cdk8s-delivery diff'.length).trim().split(/\s+/).map(a => a.replace(/^"|"$/g, ''));
}

test('the workflow installs, tests, reviews against the base branch with --check, posts the Markdown and fails on exit 2 and 3', () => {
  const workflow = YAML.parse(fs.readFileSync(path.join(CI, 'release-review.yml'), 'utf8'));
  const steps: any[] = workflow.jobs.review.steps;
  expect(steps.filter(s => s.run).map(s => s.run.split('\n')[0])).toEqual(['npm ci', 'npm test', 'set +e', 'case "$EXIT" in']);
  const review = steps.find(s => s.id === 'review');
  const options = parseOptions(diffArgs(review.run));
  expect(options).toMatchObject({ ref: 'origin/$BASE', check: true, markdownFile: 'release-review.md' });
  expect(steps.find(s => s.uses?.startsWith('actions/github-script')).with.script).toContain("fs.readFileSync('release-review.md', 'utf8')");
  const cases = [...steps[steps.length - 1].run.matchAll(/^ {2}(\d)\)/gm)].map(m => Number(m[1]));
  expect(cases).toEqual([ExitCode.OK, ExitCode.STALE, ExitCode.RISKY]);
});

test('the pre-commit hook reviews HEAD against a fresh synth with --check; the pre-commit framework runs the same script', () => {
  const hook = fs.readFileSync(HOOK, 'utf8');
  expect(parseOptions(diffArgs(hook))).toMatchObject({ ref: 'HEAD', check: true });
  expect(fs.statSync(HOOK).mode & 0o111).not.toBe(0);
  const config = YAML.parse(fs.readFileSync(path.join(CI, 'pre-commit-config.yaml'), 'utf8'));
  expect(config.repos[0].hooks[0]).toMatchObject({ entry: 'ci/pre-commit', language: 'script', pass_filenames: false });
});

describe('the pre-commit hook checks what is staged, not the working tree', () => {
  let dir: string;
  /** Runs the hook in the fixture project, as Git does (at the top of the work tree). */
  const runHook = () => spawnSync('sh', [HOOK], { cwd: dir, encoding: 'utf8' });

  beforeAll(() => {
    dir = fixtureProject();
    // the package's command, as `npm install cdk8s-delivery` links it
    const bin = path.join(dir, 'node_modules', '.bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'cdk8s-delivery'), `#!/bin/sh\nexec "${NODE}" --import "${TSX}" "${path.join(LIB, 'review', 'bin.ts')}" "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'main.ts'), program('1.1', { replicas: 4 }));
    synthProgram(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the program staged with a dist/ staged in part (the plans left out) is refused, though dist/ in the working tree is fresh', () => {
    git(dir, 'add', 'main.ts', 'dist/prod/web/deployment-web.yaml');
    const r = runHook();
    expect([r.status, r.stderr]).toEqual([1, expect.stringContaining('pre-commit: the staged dist/ is stale')]);
  });

  test('with all of dist/ staged the commit passes, and the hook prints what it rolls out', () => {
    git(dir, 'add', 'dist');
    const r = runHook();
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('1. prod/web: Rolling update\n   changes: image web: ghcr.io/acme/web 1.0 → 1.1; replicas\n');
  });
});

test('where the project runs the cdk8s CLI, its upgrade check is off (offline it prints a 404 stack trace), and the README says how', () => {
  const root = path.resolve(__dirname, '..', '..');
  expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(/^export CDK8S_CHECK_UPGRADE=false$/m);
  expect(JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf8')).env.CDK8S_CHECK_UPGRADE).toBe('false');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Quick start'));
  expect(install).toContain('`CDK8S_CHECK_UPGRADE=false`');
});
