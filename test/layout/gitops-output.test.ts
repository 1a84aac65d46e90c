import * as YAML from 'yaml';
import { GitOpsEngine, GitOpsLayout, GitOpsOutput, RollingApp } from '../../lib';
import { expectPropError } from '../support/errors';

const IMAGE = 'ghcr.io/acme/web:2.1.0';
const REPO = 'https://github.com/acme/deploy.git';

function layoutWith(outputs?: GitOpsOutput[]) {
  const layout = new GitOpsLayout({ outdir: 'unused', outputs });
  new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image: IMAGE });
  return layout;
}

test('the default output is Flux alone', () => {
  expect(Object.keys(layoutWith().render()).filter(f => !f.startsWith('prod/') && !f.startsWith('plans/'))).toEqual([
    '.cdk8s-delivery.json', 'clusters/prod/kustomization-prod-web.yaml', 'clusters/prod/namespace-web.yaml',
  ]);
});

test('both outputs: the same app folders, Flux\'s files as with Flux alone, Argo CD\'s beside them', () => {
  const flux = layoutWith().render();
  const both = layoutWith([GitOpsOutput.flux(), GitOpsOutput.argoCd({ repoUrl: REPO })]).render();
  for (const [file, content] of Object.entries(flux).filter(([f]) => !f.startsWith('plans/') && f !== '.cdk8s-delivery.json')) expect({ file, content: both[file] }).toEqual({ file, content });
  expect(Object.keys(both).filter(f => f.startsWith('argocd/prod/')).length).toBeGreaterThan(0);
});

test('both outputs create the namespace: alternatives, not two owners of it', () => {
  expect(() => layoutWith([GitOpsOutput.flux(), GitOpsOutput.argoCd({ repoUrl: REPO })]).render()).not.toThrow();
});

test('the rollout plan lists the watch commands of every output', () => {
  const plan = layoutWith([GitOpsOutput.flux(), GitOpsOutput.argoCd({ repoUrl: REPO })]).render()['plans/prod/web.md'];
  expect(plan).toContain('flux -n flux-system get kustomizations prod-web --watch');
  expect(plan).toContain('argocd app wait prod-web --health --timeout 600');
});

test('an output names its tool', () => {
  expect([GitOpsOutput.flux().engine, GitOpsOutput.argoCd({ repoUrl: REPO }).engine]).toEqual([GitOpsEngine.FLUX, GitOpsEngine.ARGO_CD]);
});

test('no output is refused', () => {
  expectPropError(() => layoutWith([]), 'outputs', [], 'at least one output');
});

test('a tool listed twice is refused', () => {
  expectPropError(() => layoutWith([GitOpsOutput.flux(), GitOpsOutput.flux()]), 'outputs[1]', 'flux', 'each tool once');
});

test('something else than a GitOpsOutput is refused', () => {
  expectPropError(() => layoutWith([{ engine: 'flux' } as unknown as GitOpsOutput]), 'outputs[0]', { engine: 'flux' }, 'GitOpsOutput.flux() or GitOpsOutput.argoCd');
});

test('YAML of both outputs parses', () => {
  const files = layoutWith([GitOpsOutput.argoCd({ repoUrl: REPO }), GitOpsOutput.flux()]).render();
  expect(YAML.parse(files['argocd/prod/apps/application-prod-web.yaml']).kind).toBe('Application');
});
