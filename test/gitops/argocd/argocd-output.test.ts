import { ApiObject, JsonPatch } from 'cdk8s';
import * as YAML from 'yaml';
import { ArgoCdDestination, ArgoCdOutputProps, CanaryApp, CanaryProvider, GitOpsLayout, GitOpsOutput, Metric, RollingApp } from '../../../lib';
import { REVISION_ANNOTATION } from '../../../lib/core/delivery-hints';
import { argoWiringProblems } from '../../support/argocd-wiring';
import { expectPropError } from '../../support/errors';

const IMAGE = 'ghcr.io/acme/web:2.1.0';
const REPO = 'https://github.com/acme/deploy.git';
const argoCd = (props: Partial<ArgoCdOutputProps> = {}) => GitOpsOutput.argoCd({ repoUrl: REPO, ...props });

interface Options {
  readonly outputs?: GitOpsOutput[];
  /** The revision annotation of the Flagger target in each environment (none: no annotation). */
  readonly revision?: string;
  readonly autoscale?: boolean;
}

/** staging then production on cluster "platform", a canary app "web" in each. */
function environments(options: Options = {}) {
  const layout = new GitOpsLayout({ outdir: 'unused', outputs: options.outputs ?? [argoCd({ environmentRevisions: { production: 'release' } })] });
  const staging = layout.addEnvironment('staging', { cluster: 'platform', namespace: 'web-staging' });
  const production = layout.addEnvironment('production', { cluster: 'platform', namespace: 'web-production', after: [staging] });
  const apps = [staging, production].map(env => {
    const app = new CanaryApp(env.addApp('web'), 'web', {
      name: 'web', image: IMAGE, provider: CanaryProvider.nginx(), ingress: { className: 'nginx', hosts: [`${env.name}.example.com`] },
      autoscaling: options.autoscale ? { maxReplicas: 4 } : undefined,
      analysis: { interval: '2m', threshold: 3, stepWeight: 20, maxWeight: 60, metrics: [Metric.requestSuccessRate({ minPercent: 99 })], hasSteadyTraffic: true },
    });
    if (options.revision) app.deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { [REVISION_ANNOTATION]: options.revision }));
    if (options.revision === '') app.deployment.addJsonPatch(JsonPatch.remove('/spec/template/metadata/annotations'));
    return app;
  });
  return { layout, apps };
}

/** One rolling app "web" in environment "prod". */
function rolling(outputs: GitOpsOutput[] = [argoCd()]) {
  const layout = new GitOpsLayout({ outdir: 'unused', outputs });
  new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image: IMAGE });
  return layout;
}

const parse = (files: Record<string, string>, file: string) => {
  if (files[file] === undefined) throw new Error(`${file} is not rendered; files: ${Object.keys(files).join(', ')}`);
  return YAML.parse(files[file]);
};
const wave = (obj: any) => obj.metadata.annotations['argocd.argoproj.io/sync-wave'];

test('Argo CD alone: the app folders, and per cluster a bootstrap folder, the folder the root applies and the setup; no Flux objects', () => {
  const files = rolling().render();
  expect(Object.keys(files).filter(f => !f.startsWith('prod/'))).toEqual([
    '.cdk8s-delivery.json',
    'argocd/prod/apps/application-prod-setup.yaml',
    'argocd/prod/apps/application-prod-web.yaml',
    'argocd/prod/apps/appproject-prod-setup.yaml',
    'argocd/prod/apps/appproject-prod.yaml',
    'argocd/prod/apps/kustomization.yaml',
    'argocd/prod/bootstrap/application-prod-root.yaml',
    'argocd/prod/bootstrap/appproject-prod-root.yaml',
    'argocd/prod/bootstrap/configmap-argocd-cm.yaml',
    'argocd/prod/setup/kustomization.yaml',
    'argocd/prod/setup/namespace-web.yaml',
    'plans/README.md',
    'plans/prod/web.json',
    'plans/prod/web.md',
  ]);
  expect(argoWiringProblems(files)).toEqual([]);
});

test('an app folder\'s Application syncs its folder automatically, server-side, prunes last, retries with backoff and deletes its objects when removed', () => {
  const app = parse(rolling().render(), 'argocd/prod/apps/application-prod-web.yaml');
  expect(app.metadata).toMatchObject({ name: 'prod-web', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] });
  expect(app.spec).toEqual({
    project: 'prod',
    source: { repoURL: REPO, targetRevision: 'HEAD', path: 'dist/prod/web' },
    destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['ServerSideApply=true', 'CreateNamespace=false', 'PruneLast=true', 'FailOnSharedResource=true'],
      retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
    },
  });
});

test('the Namespace is applied by the setup Application, kept when it leaves Git or the Application is deleted', () => {
  const files = rolling().render();
  const ns = parse(files, 'argocd/prod/setup/namespace-web.yaml');
  expect(ns.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Delete=false,Prune=false' });
  expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  expect(parse(files, 'argocd/prod/apps/appproject-prod-setup.yaml').spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace', name: 'web' }]);
});

test('sync waves: projects, then the setup, then staging, then production (after staging, which its annotation names)', () => {
  const files = environments().layout.render();
  const at = (name: string) => wave(parse(files, `argocd/platform/apps/${name}.yaml`));
  expect(['appproject-staging', 'appproject-production', 'appproject-platform-setup', 'application-platform-setup', 'application-staging-web', 'application-production-web'].map(at))
    .toEqual(['-2', '-2', '-2', '-1', '0', '1']);
  const after = (name: string) => parse(files, `argocd/platform/apps/application-${name}.yaml`).metadata.annotations['cdk8s-delivery/after'];
  expect([after('staging-web'), after('production-web')]).toEqual([undefined, 'staging-web']);
});

describe('promotion between environments in the rollout plans', () => {
  test('production on a branch of its own: staging\'s plan gives the CI step that moves the branch once staging is healthy', () => {
    const files = environments().layout.render();
    expect(files['plans/staging/web.md']).toContain('Argo CD: `production-web` follows `release`, not `HEAD`: it gets this release once CI moves `release` after `staging-web` is healthy: '
      + '`argocd app get staging-web --refresh && argocd app wait staging-web --sync --health --timeout 960 && git push origin HEAD:release`.');
    expect(files['plans/production/web.md']).toContain('Argo CD: follows `release`, not `staging-web`\'s `HEAD`: a release reaches it when CI moves `release` once `staging-web` is healthy.');
  });

  test('beside Flux on one revision (accepted: Flux gates): the plans say that Argo CD does not gate production', () => {
    const files = environments({ outputs: [GitOpsOutput.flux(), argoCd()] }).layout.render();
    expect(files['plans/staging/web.md']).toContain('Argo CD does not gate `production-web`: it follows `HEAD` like `staging-web`, so both sync each commit at once (sync waves order only what the root applies).');
    expect(files['plans/production/web.md']).toContain('Argo CD: follows `HEAD` like `staging-web`, so it syncs each commit at the same time;');
  });
});

test('each environment\'s project allows one repository, the environment\'s namespaces and exactly the kinds its apps apply (and the gate Job), no cluster-scoped kind', () => {
  const project = parse(environments().layout.render(), 'argocd/platform/apps/appproject-production.yaml');
  expect(project.spec).toEqual({
    description: 'cdk8s-delivery: the apps of environment production',
    sourceRepos: [REPO],
    destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'web-production' }],
    namespaceResourceWhitelist: [
      { group: 'apps', kind: 'Deployment' }, { group: 'batch', kind: 'Job' }, { group: 'flagger.app', kind: 'Canary' },
      { group: 'networking.k8s.io', kind: 'Ingress' }, { group: 'policy', kind: 'PodDisruptionBudget' },
    ],
  });
});

test('the root is bootstrapped by hand: no finalizer, an admin project limited to Applications and AppProjects in Argo CD\'s namespace', () => {
  const files = rolling().render();
  const root = parse(files, 'argocd/prod/bootstrap/application-prod-root.yaml');
  expect(root.metadata.finalizers).toBeUndefined();
  expect(root.spec).toMatchObject({ project: 'prod-root', source: { path: 'dist/argocd/prod/apps' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' } });
  expect(parse(files, 'argocd/prod/bootstrap/appproject-prod-root.yaml').spec).toMatchObject({
    destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }],
    namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'AppProject' }, { group: 'argoproj.io', kind: 'Application' }],
  });
  expect(parse(files, 'argocd/prod/bootstrap/configmap-argocd-cm.yaml').metadata.name).toBe('argocd-cm');
});

describe('drift', () => {
  test('a Flagger target without HPA: its replicas are ignored and kept live (Flagger scales it to zero)', () => {
    const app = parse(environments().layout.render(), 'argocd/platform/apps/application-staging-web.yaml');
    expect(app.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'web-staging', jsonPointers: ['/spec/replicas'] }]);
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
  });

  test('with an HPA nothing is ignored (Git holds no replicas)', () => {
    const app = parse(environments({ autoscale: true }).layout.render(), 'argocd/platform/apps/application-staging-web.yaml');
    expect(app.spec.ignoreDifferences).toBeUndefined();
    expect(app.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
  });
});

describe('the promotion gate', () => {
  const REVISION = '3f2a9c0d1e4b5a6978';
  const gated = () => environments({ revision: REVISION, autoscale: true }).layout.render();

  test('a Flagger app whose target carries a revision gets a gate folder as the second source of its Application', () => {
    const files = gated();
    expect(parse(files, 'argocd/platform/apps/application-staging-web.yaml').spec.sources).toEqual([
      { repoURL: REPO, targetRevision: 'HEAD', path: 'dist/staging/web' },
      { repoURL: REPO, targetRevision: 'HEAD', path: 'dist/argocd/platform/gates/staging-web' },
    ]);
    expect(parse(files, 'argocd/platform/gates/staging-web/kustomization.yaml').resources).toEqual(['job-web-gate-3f2a9c0d1e.yaml']);
    expect(argoWiringProblems(files)).toEqual([]);
  });

  test('the Job of a release waits for the primary to exist, to run the revision and to roll out, within the rollout\'s budget', () => {
    const job = parse(gated(), 'argocd/platform/gates/staging-web/job-web-gate-3f2a9c0d1e.yaml');
    const pod = job.spec.template.spec;
    const budget = job.spec.activeDeadlineSeconds;
    expect(budget).toBe(960);
    expect([...pod.initContainers, ...pod.containers].map((c: any) => [c.name, ...c.args])).toEqual([
      ['primary-exists', 'wait', '--for=create', 'deployment/web-primary', '--namespace=web-staging', '--timeout=960s'],
      ['primary-has-revision', 'wait', `--for=jsonpath={.spec.template.metadata.annotations.${REVISION_ANNOTATION}}=${REVISION}`, 'deployment/web-primary', '--namespace=web-staging', '--timeout=960s'],
      ['primary-rolled-out', 'rollout', 'status', 'deployment/web-primary', '--namespace=web-staging', '--timeout=960s'],
    ]);
    expect(job.spec).toMatchObject({ backoffLimit: 3, template: { spec: { serviceAccountName: 'web-gate', restartPolicy: 'Never' } } });
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    // a plain resource, not a hook: it counts in the Application's health
    expect(job.metadata.annotations).toEqual({ [REVISION_ANNOTATION]: REVISION });
  });

  test('a new revision is a new Job (a Job\'s result never stands for the next release)', () => {
    const next = environments({ revision: 'aa11bb22cc33', autoscale: true }).layout.render();
    expect(Object.keys(next).filter(f => f.includes('/gates/staging-web/job-'))).toEqual(['argocd/platform/gates/staging-web/job-web-gate-aa11bb22cc.yaml']);
  });

  test('the gate reads only its primary, through access the setup applies (environment projects get no RBAC kinds)', () => {
    const files = gated();
    expect(parse(files, 'argocd/platform/setup/kustomization.yaml').resources).toEqual(['namespace-web-staging.yaml', 'namespace-web-production.yaml', 'web-production', 'web-staging']);
    const role = parse(files, 'argocd/platform/setup/web-staging/role-web-gate.yaml');
    expect(role.metadata.namespace).toBe('web-staging');
    expect(role.rules).toEqual([{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web-primary'], verbs: ['get', 'list', 'watch'] }]);
    const env = parse(files, 'argocd/platform/apps/appproject-staging.yaml').spec.namespaceResourceWhitelist;
    expect(env).toContainEqual({ group: 'batch', kind: 'Job' });
    expect(env.filter((e: any) => e.group === 'rbac.authorization.k8s.io' || e.kind === 'ServiceAccount')).toEqual([]);
    expect(parse(files, 'argocd/platform/apps/appproject-platform-setup.yaml').spec.namespaceResourceWhitelist).toEqual([
      { group: '', kind: 'ServiceAccount' }, { group: 'rbac.authorization.k8s.io', kind: 'Role' }, { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
    ]);
  });

  test('an app object that takes the name of the gate\'s access is found (Argo CD objects are checked like the app folders\')', () => {
    const { layout } = environments({ revision: REVISION, autoscale: true });
    const chart = layout.allEnvironments[0].addApp('extra', { namespace: 'web-staging' });
    new ApiObject(chart, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web-gate' } });
    expect(() => layout.render()).toThrow(/ServiceAccount web-staging\/web-gate: \/metadata\/name: .*applies an object of the same kind, namespace and name/);
  });

  test('without a revision annotation there is no gate (nothing tells the primary\'s release)', () => {
    const files = environments({ autoscale: true, revision: '' }).layout.render();
    expect(Object.keys(files).filter(f => f.includes('/gates/'))).toEqual([]);
  });
});

test('environmentRevisions: production follows its own branch', () => {
  const files = environments({ outputs: [argoCd({ targetRevision: 'main', environmentRevisions: { production: 'release' } })] }).layout.render();
  // the app folder and its gate Jobs, both at the environment's revision
  expect(parse(files, 'argocd/platform/apps/application-production-web.yaml').spec.sources.map((s: any) => s.targetRevision)).toEqual(['release', 'release']);
  expect(parse(files, 'argocd/platform/apps/application-staging-web.yaml').spec.sources.map((s: any) => s.targetRevision)).toEqual(['main', 'main']);
  expect(parse(files, 'argocd/platform/bootstrap/application-platform-root.yaml').spec.source.targetRevision).toBe('main');
});

test('ArgoCdDestination.CLUSTER_NAME: apps and projects name the cluster; the root stays in Argo CD\'s cluster', () => {
  const files = rolling([argoCd({ destination: ArgoCdDestination.CLUSTER_NAME, namespace: 'gitops' })]).render();
  expect(parse(files, 'argocd/prod/apps/application-prod-web.yaml').spec.destination).toEqual({ name: 'prod', namespace: 'web' });
  expect(parse(files, 'argocd/prod/apps/appproject-prod.yaml').spec.destinations).toEqual([{ name: 'prod', namespace: 'web' }]);
  expect(parse(files, 'argocd/prod/bootstrap/application-prod-root.yaml').spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'gitops' });
  expect(argoWiringProblems(files)).toEqual([]);
});

test('clusters: only the listed clusters get an Argo CD folder', () => {
  const layout = new GitOpsLayout({ outdir: 'unused', outputs: [GitOpsOutput.flux(), argoCd({ clusters: ['b'] })] });
  for (const cluster of ['a', 'b']) new RollingApp(layout.addEnvironment(cluster).addApp('web'), 'web', { name: 'web', image: IMAGE });
  const folders = new Set(Object.keys(layout.render()).filter(f => f.startsWith('argocd/')).map(f => f.split('/')[1]));
  expect([...folders]).toEqual(['b']);
});

test('a repository path is the prefix of every source path', () => {
  const layout = new GitOpsLayout({ outdir: 'unused', repositoryPath: './deploy/out', outputs: [argoCd()] });
  new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image: IMAGE });
  const files = layout.render();
  expect(parse(files, 'argocd/prod/apps/application-prod-web.yaml').spec.source.path).toBe('deploy/out/prod/web');
  expect(argoWiringProblems(files, './deploy/out')).toEqual([]);
});

describe('refused', () => {
  test('an app in Argo CD\'s namespace (its project could create Applications)', () => {
    const layout = new GitOpsLayout({ outdir: 'unused', outputs: [argoCd()] });
    new RollingApp(layout.addEnvironment('prod').addApp('web', { namespace: 'argocd' }), 'web', { name: 'web', image: IMAGE });
    expectPropError(() => layout.render(), 'addApp(web).namespace', 'argocd', 'a project allowed to deploy there can create Applications');
  });

  test('an environment named like the Argo CD folder', () => {
    const layout = new GitOpsLayout({ outdir: 'unused', outputs: [argoCd()] });
    new RollingApp(layout.addEnvironment('argocd').addApp('web'), 'web', { name: 'web', image: IMAGE });
    expectPropError(() => layout.render(), 'name', 'argocd', 'the folder of the Argo CD output');
  });

  test('two Argo CD objects of one name (an app named like a cluster\'s setup)', () => {
    const layout = new GitOpsLayout({ outdir: 'unused', outputs: [argoCd()] });
    new RollingApp(layout.addEnvironment('prod').addApp('setup'), 'setup', { name: 'setup', image: IMAGE });
    expectPropError(() => layout.render(), 'Application name', 'prod-setup', 'defines an Application of that name');
  });

  test('an Argo CD object name longer than 63 characters', () => {
    const cluster = 'c'.repeat(60);
    const layout = new GitOpsLayout({ outdir: 'unused', outputs: [argoCd()] });
    new RollingApp(layout.addEnvironment('prod', { cluster }).addApp('web'), 'web', { name: 'web', image: IMAGE });
    expectPropError(() => layout.render(), 'AppProject name', `${cluster}-setup`, 'at most 63 characters');
  });
});
