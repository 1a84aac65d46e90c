/**
 * Fixture repositories for release reviews: a Git repository in a temporary
 * folder whose commit holds a synthesized output, and small layouts of one
 * app per strategy at a given version.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  BlueGreenApp, CanaryApp, CanaryProvider, CanaryRouting, Color, DeliveryEnvironment, DeploymentStrategy, FlaggerBlueGreenApp, GitOpsLayout, GitOpsOutput, Metric,
  NginxCanaryApp, ReplicaCanaryApp, RollingApp, RolloutBlueGreenApp, RolloutCanaryApp, RolloutMetric, RolloutTrafficRouter, RouteCanaryApp, TrafficMatch,
} from '../../lib';
import { treeFromFiles, treeFromGit } from '../../lib/review/output-tree';
import { Review, reviewRelease } from '../../lib/review/review';

/** The output folder inside fixture repositories. */
export const OUT = 'dist';

/** Runs git in `dir`. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

/** Writes `files` (relative to the repository) and commits them. */
export function commit(dir: string, files: Record<string, string>, message: string) {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** The library, for synth programs of fixture projects. */
export const LIB = path.resolve(__dirname, '..', '..', 'lib');
/** tsx, to run TypeScript synth programs; node itself. */
export const TSX = pathToFileURL(require.resolve('tsx')).href;
export const NODE = process.execPath;

/** A synth program: one RollingApp `web` at `version`, with `replicas` (default 3), `strategy` and `outdir` as given. */
export function program(version: string, options: { recreate?: boolean; outdir?: string; replicas?: number } = {}): string {
  return [
    `import { DeploymentStrategy, GitOpsLayout, RollingApp } from ${JSON.stringify(LIB)};`,
    `const layout = new GitOpsLayout(${options.outdir ? `{ outdir: ${JSON.stringify(options.outdir)} }` : ''});`,
    `new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image: 'ghcr.io/acme/web:${version}', replicas: ${options.replicas ?? 3}${options.recreate ? ', strategy: DeploymentStrategy.recreate()' : ''} });`,
    'layout.synth();',
    '',
  ].join('\n');
}

/** Runs the synth program of `dir` into its dist/, as `npm run synth` would. */
export function synthProgram(dir: string) {
  const r = spawnSync(process.execPath, ['--import', TSX, 'main.ts'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: '' } });
  if (r.status !== 0) throw new Error(r.stderr);
}

/** A Git repository in a temporary folder with the synth program of `web` 1.0, its cdk8s.yaml and its committed dist/. */
export function fixtureProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-cli-'));
  git(dir, 'init', '-q', '-b', 'main');
  commit(dir, { 'main.ts': program('1.0'), 'cdk8s.yaml': `language: typescript\napp: ${NODE} --import ${TSX} main.ts\n`, '.gitignore': 'node_modules/\n' }, 'program');
  synthProgram(dir);
  commit(dir, {}, 'synthesized output');
  return dir;
}

/** A new Git repository in a temporary folder, with `output` committed as dist/. */
export function repoWithOutput(output: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-review-'));
  git(dir, 'init', '-q', '-b', 'main');
  commit(dir, Object.fromEntries(Object.entries(output).map(([f, c]) => [`${OUT}/${f}`, c])), 'synthesized output');
  return dir;
}

/**
 * The review of a release: `before` committed in a fixture repository (read
 * back from Git at HEAD), `after` the fresh output of the changed program.
 */
export function reviewOf(before: GitOpsLayout, after: GitOpsLayout): Review {
  const dir = repoWithOutput(before.render());
  try {
    return reviewRelease(treeFromGit(dir, 'HEAD', OUT, 'dist/ at HEAD'), treeFromFiles(after.render(), 'a fresh synth'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A layout with one environment "prod" and the apps `define` adds. */
export function layoutWith(define: (env: DeliveryEnvironment) => void): GitOpsLayout {
  const layout = new GitOpsLayout({ outdir: 'unused' });
  define(layout.addEnvironment('prod'));
  return layout;
}

const gateway = [{ name: 'public', namespace: 'gateway-system' }];
const image = (version: string) => `ghcr.io/acme/web:${version}`;
const flaggerAnalysis = { interval: '1m', threshold: 3, hasSteadyTraffic: true, metrics: [Metric.requestSuccessRate()] };
const argoAnalysis = { prometheusAddress: 'http://prometheus.monitoring:9090', metrics: [RolloutMetric.requestSuccessRate({ minPercent: 99 })] };

/** One app `web` per strategy, at `version` (the image tag of the version a release changes). */
export const STRATEGIES: Record<string, (env: DeliveryEnvironment, version: string) => void> = {
  RollingApp: (env, v) => new RollingApp(env.addApp('web'), 'web', { name: 'web', image: image(v), replicas: 3 }),
  Recreate: (env, v) => new RollingApp(env.addApp('web'), 'web', { name: 'web', image: image(v), replicas: 2, strategy: DeploymentStrategy.recreate() }),
  BlueGreenApp: (env, v) => new BlueGreenApp(env.addApp('web'), 'web', { name: 'web', active: Color.BLUE, blue: { image: image('1.0'), replicas: 2 }, green: { image: image(v), replicas: 2 } }),
  ReplicaCanaryApp: (env, v) => new ReplicaCanaryApp(env.addApp('web'), 'web', { name: 'web', stable: { image: image('1.0'), replicas: 3 }, canary: { image: image(v), replicas: 1 } }),
  NginxCanaryApp: (env, v) => new NginxCanaryApp(env.addApp('web'), 'web', {
    name: 'web', stable: { image: image('1.0'), replicas: 3 }, canary: { image: image(v), replicas: 1 }, routing: CanaryRouting.weight(20), ingress: { className: 'nginx', hosts: ['web.example.com'] },
  }),
  RouteCanaryApp: (env, v) => new RouteCanaryApp(env.addApp('web'), 'web', {
    name: 'web', stable: { image: image('1.0'), replicas: 3 }, canary: { image: image(v), replicas: 1 }, weightSteps: [5, 20, 50], canaryWeight: 20, route: { parentRefs: gateway, hostnames: ['web.example.com'] },
  }),
  CanaryApp: (env, v) => new CanaryApp(env.addApp('web'), 'web', {
    name: 'web', image: image(v), port: 8080, provider: CanaryProvider.gatewayApi({ gatewayRefs: gateway, hosts: ['web.example.com'] }), analysis: { ...flaggerAnalysis, stepWeight: 25, maxWeight: 50 },
  }),
  'CanaryApp (A/B)': (env, v) => new CanaryApp(env.addApp('web'), 'web', {
    name: 'web', image: image(v), port: 8080, provider: CanaryProvider.gatewayApi({ gatewayRefs: gateway, hosts: ['web.example.com'] }),
    analysis: { ...flaggerAnalysis, iterations: 5, match: [TrafficMatch.headerExact('x-canary', 'insider')] },
  }),
  FlaggerBlueGreenApp: (env, v) => new FlaggerBlueGreenApp(env.addApp('web'), 'web', { name: 'web', image: image(v), port: 8080, analysis: { ...flaggerAnalysis, iterations: 5 } }),
  RolloutCanaryApp: (env, v) => new RolloutCanaryApp(env.addApp('web'), 'web', {
    name: 'web', image: image(v), replicas: 4, trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: gateway, hosts: ['web.example.com'] }), analysis: { ...argoAnalysis, stepWeight: 25, maxWeight: 50 },
  }),
  RolloutBlueGreenApp: (env, v) => new RolloutBlueGreenApp(env.addApp('web'), 'web', { name: 'web', image: image(v), replicas: 3, analysis: { ...argoAnalysis, iterations: 5 } }),
};

/** Staging, then production gated on it (`after`), each with a Flagger canary `web` at `version`, written for `outputs` (default Flux). */
export function stagedCanary(version: string, outputs?: GitOpsOutput[]): GitOpsLayout {
  const layout = new GitOpsLayout({ outdir: 'unused', outputs });
  const staging = layout.addEnvironment('staging', { cluster: 'platform', namespace: 'web-staging' });
  const production = layout.addEnvironment('production', { cluster: 'platform', namespace: 'web-production', after: [staging] });
  const canary = (env: DeliveryEnvironment, stepWeight: number) => new CanaryApp(env.addApp('web'), 'web', {
    name: 'web', image: image(version), port: 8080, provider: CanaryProvider.gatewayApi({ gatewayRefs: gateway, hosts: [`${env.name}.example.com`] }),
    analysis: { ...flaggerAnalysis, stepWeight, maxWeight: 50 },
  });
  canary(staging, 25);
  canary(production, 10);
  return layout;
}
