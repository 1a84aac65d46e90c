/**
 * The CI recipe in examples/ci/ calls `cdk8s-delivery diff` with options
 * the command knows, and acts on its exit codes.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { ExitCode, parseOptions } from '../../lib/review/cli';

const CI = path.resolve(__dirname, '..', '..', 'examples', 'ci');

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

test('the pre-commit hooks review HEAD against a fresh synth with --check', () => {
  const hook = fs.readFileSync(path.join(CI, 'pre-commit'), 'utf8');
  expect(parseOptions(diffArgs(hook))).toMatchObject({ ref: 'HEAD', check: true });
  expect(fs.statSync(path.join(CI, 'pre-commit')).mode & 0o111).not.toBe(0);
  const config = YAML.parse(fs.readFileSync(path.join(CI, 'pre-commit-config.yaml'), 'utf8'));
  expect(parseOptions(diffArgs(config.repos[0].hooks[0].entry))).toMatchObject({ ref: 'HEAD', check: true });
});

test('where the project runs the cdk8s CLI, its upgrade check is off (offline it prints a 404 stack trace), and the README says how', () => {
  const root = path.resolve(__dirname, '..', '..');
  expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(/^export CDK8S_CHECK_UPGRADE=false$/m);
  expect(JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf8')).env.CDK8S_CHECK_UPGRADE).toBe('false');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Quick start'));
  expect(install).toContain('`CDK8S_CHECK_UPGRADE=false`');
});
