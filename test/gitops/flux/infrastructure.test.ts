import * as YAML from 'yaml';
import { CanaryApp, CanaryProvider, DeliveryEnvironment, GitOpsLayout, GitOpsLayoutProps, GitOpsOutput, Probe, RollingApp } from '../../../lib';
import { expectPropError } from '../../support/errors';
import { expectValidManifests } from '../../support/validate';

const IMAGE = 'ghcr.io/acme/web:1.0.0';

const gatewayCanary = (env: DeliveryEnvironment, name = 'web') => new CanaryApp(env.addApp(name), name, {
  name, image: IMAGE, port: 8080, readiness: Probe.http('/ready'),
  provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: [`${name}.example.com`] }),
  analysis: { interval: '1m', stepWeight: 25, maxWeight: 50, threshold: 2, hasSteadyTraffic: true },
});
const nginxCanary = (env: DeliveryEnvironment, name = 'shop') => new CanaryApp(env.addApp(name), name, {
  name, image: IMAGE, port: 8080, readiness: Probe.http('/ready'), provider: CanaryProvider.nginx(), ingress: { className: 'nginx', hosts: [`${name}.example.com`] },
  analysis: { interval: '1m', stepWeight: 25, maxWeight: 50, threshold: 2, hasSteadyTraffic: true },
});
const rolling = (env: DeliveryEnvironment, name = 'api') => new RollingApp(env.addApp(name), name, { name, image: IMAGE, port: 8080 });

/** A layout with `define`d apps in environment "prod" (cluster "prod"); its files. */
function render(define: (env: DeliveryEnvironment) => void, props: GitOpsLayoutProps = {}): Record<string, string> {
  const layout = new GitOpsLayout({ outdir: 'unused', ...props });
  define(layout.addEnvironment('prod'));
  return layout.render();
}
const parse = (files: Record<string, string>, file: string) => {
  if (files[file] === undefined) throw new Error(`${file} is not rendered; files: ${Object.keys(files).join(', ')}`);
  return YAML.parse(files[file]);
};
const infraFiles = (files: Record<string, string>) => Object.keys(files).filter(f => f.startsWith('infrastructure/') || /\/(kustomization-infra-|gitrepository-gateway-api)/.test(f));
const objects = (files: Record<string, string>, prefix: string) => Object.keys(files).filter(f => f.startsWith(prefix) && !f.endsWith('/kustomization.yaml')).map(f => YAML.parse(files[f]));

describe('a cluster whose apps use Flagger', () => {
  const files = render(env => gatewayCanary(env));

  test('gets Flagger (CRDs included, the provider its apps use) and a loadtester, installed by a Kustomization that waits for them', () => {
    expect(infraFiles(files)).toEqual([
      'clusters/prod/kustomization-infra-controllers.yaml',
      'infrastructure/prod/controllers/helmrelease-flagger-loadtester.yaml',
      'infrastructure/prod/controllers/helmrelease-flagger.yaml',
      'infrastructure/prod/controllers/helmrepository-flagger.yaml',
      'infrastructure/prod/controllers/kustomization.yaml',
      'infrastructure/prod/controllers/namespace-flagger-system.yaml',
      'infrastructure/prod/controllers/ocirepository-flagger.yaml',
    ]);
    expect(parse(files, 'clusters/prod/kustomization-infra-controllers.yaml').spec).toMatchObject({
      path: './dist/infrastructure/prod/controllers', wait: true, prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    });
    const flagger = parse(files, 'infrastructure/prod/controllers/helmrelease-flagger.yaml');
    expect(flagger.spec).toMatchObject({ releaseName: 'flagger', chartRef: { kind: 'OCIRepository', name: 'flagger' }, install: { crds: 'CreateReplace' }, upgrade: { crds: 'CreateReplace' }, values: { meshProvider: 'gatewayapi:v1' } });
    expect(parse(files, 'infrastructure/prod/controllers/ocirepository-flagger.yaml').spec.ref).toEqual({ tag: '1.44.0' });
    expect(parse(files, 'infrastructure/prod/controllers/helmrelease-flagger-loadtester.yaml').spec).toMatchObject({
      releaseName: 'flagger-loadtester', chart: { spec: { chart: 'loadtester', version: '0.38.0' } },
    });
    expectValidManifests([...objects(files, 'infrastructure/'), ...objects(files, 'clusters/')]);
  });

  test('every app Kustomization of the cluster depends on it', () => {
    expect(parse(files, 'clusters/prod/kustomization-prod-web.yaml').spec.dependsOn).toEqual([{ name: 'infra-controllers' }]);
  });

  test('the Flagger namespace is never pruned (deleting it would delete Flagger\'s releases)', () => {
    expect(parse(files, 'infrastructure/prod/controllers/namespace-flagger-system.yaml').metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });
});

test('a cluster without Flagger apps gets no infrastructure, and its apps depend on nothing', () => {
  const files = render(env => rolling(env));
  expect(infraFiles(files)).toEqual([]);
  expect(parse(files, 'clusters/prod/kustomization-prod-api.yaml').spec.dependsOn).toBeUndefined();
});

test('each cluster gets what its own apps need', () => {
  const layout = new GitOpsLayout({ outdir: 'unused' });
  gatewayCanary(layout.addEnvironment('edge', { cluster: 'edge' }));
  rolling(layout.addEnvironment('batch', { cluster: 'batch' }));
  const files = layout.render();
  expect(infraFiles(files).filter(f => f.includes('/edge/'))).not.toEqual([]);
  expect(infraFiles(files).filter(f => f.includes('/batch/'))).toEqual([]);
});

test('apps on several providers leave Flagger\'s default provider unset (every Canary names its own)', () => {
  const files = render(env => {
    gatewayCanary(env);
    nginxCanary(env);
  });
  expect(parse(files, 'infrastructure/prod/controllers/helmrelease-flagger.yaml').spec.values).toBeUndefined();
});

describe('infrastructure settings', () => {
  test('the Gateway API CRDs on request: the standard channel from the upstream repository, kept when the Kustomization goes, before the controllers', () => {
    const files = render(env => gatewayCanary(env), { infrastructure: { gatewayApiCrds: { install: true, version: 'v1.5.0' } } });
    expect(parse(files, 'clusters/prod/gitrepository-gateway-api.yaml').spec).toMatchObject({
      url: 'https://github.com/kubernetes-sigs/gateway-api', ref: { tag: 'v1.5.0' }, sparseCheckout: ['config/crd/standard'],
    });
    expect(parse(files, 'clusters/prod/kustomization-infra-gateway-api.yaml').spec).toMatchObject({
      path: './config/crd/standard', sourceRef: { kind: 'GitRepository', name: 'gateway-api' }, wait: true, deletionPolicy: 'Orphan',
    });
    expect(parse(files, 'clusters/prod/kustomization-infra-controllers.yaml').spec.dependsOn).toEqual([{ name: 'infra-gateway-api' }]);
    expect(parse(files, 'clusters/prod/kustomization-prod-web.yaml').spec.dependsOn).toEqual([{ name: 'infra-gateway-api' }, { name: 'infra-controllers' }]);
  });

  test('the Prometheus bundled with Flagger on request (Flagger then reads its metrics there)', () => {
    const files = render(env => gatewayCanary(env), { infrastructure: { prometheus: { install: true } } });
    expect(parse(files, 'infrastructure/prod/controllers/helmrelease-flagger.yaml').spec.values).toEqual({ meshProvider: 'gatewayapi:v1', prometheus: { install: true } });
  });

  test('pinned versions, the namespace, the metrics server and more chart values are overridable', () => {
    const files = render(env => gatewayCanary(env), {
      infrastructure: {
        flagger: { version: '1.45.0', namespace: 'progressive-delivery', metricsServer: 'http://prometheus.monitoring:9090', values: { leaderElection: { enabled: true } } },
        loadTester: { version: '0.39.0' },
      },
    });
    expect(parse(files, 'infrastructure/prod/controllers/ocirepository-flagger.yaml')).toMatchObject({ metadata: { namespace: 'progressive-delivery' }, spec: { ref: { tag: '1.45.0' } } });
    expect(parse(files, 'infrastructure/prod/controllers/helmrelease-flagger.yaml').spec.values).toEqual({
      meshProvider: 'gatewayapi:v1', metricsServer: 'http://prometheus.monitoring:9090', leaderElection: { enabled: true },
    });
    expect(parse(files, 'infrastructure/prod/controllers/helmrelease-flagger-loadtester.yaml').spec.chart.spec.version).toBe('0.39.0');
  });

  test('each component can be skipped; Flagger can be installed where no app uses it yet', () => {
    const noTester = render(env => gatewayCanary(env), { infrastructure: { loadTester: { install: false } } });
    expect(infraFiles(noTester).filter(f => /loadtester|helmrepository/.test(f))).toEqual([]);
    expect(infraFiles(render(env => gatewayCanary(env), { infrastructure: { enabled: false } }))).toEqual([]);
    expect(parse(render(env => gatewayCanary(env), { infrastructure: { enabled: false } }), 'clusters/prod/kustomization-prod-web.yaml').spec.dependsOn).toBeUndefined();
    expect(infraFiles(render(env => rolling(env), { infrastructure: { flagger: { install: true } } }))).toContain('infrastructure/prod/controllers/helmrelease-flagger.yaml');
  });

  test('Argo CD alone installs no Flux infrastructure', () => {
    const files = render(env => gatewayCanary(env), { outputs: [GitOpsOutput.argoCd({ repoUrl: 'https://github.com/acme/deploy.git' })] });
    expect(infraFiles(files)).toEqual([]);
  });

  test('a version is pinned', () => {
    expectPropError(() => new GitOpsLayout({ infrastructure: { flagger: { version: '1.x' } } }), 'infrastructure.flagger.version', '1.x', 'pin one version');
    expectPropError(() => new GitOpsLayout({ infrastructure: { loadTester: { version: 'latest' } } }), 'infrastructure.loadTester.version', 'latest', 'pin one version');
    expectPropError(() => new GitOpsLayout({ infrastructure: { gatewayApiCrds: { version: '1.6.1' } } }), 'infrastructure.gatewayApiCrds.version', '1.6.1', 'v1.6.1');
  });
  test('the Flagger namespace is a DNS label', () => {
    expectPropError(() => new GitOpsLayout({ infrastructure: { flagger: { namespace: 'Flagger' } } }), 'infrastructure.flagger.namespace', 'Flagger');
  });
  test('the metrics server is an http(s) URL', () => {
    expectPropError(() => new GitOpsLayout({ infrastructure: { flagger: { metricsServer: 'prometheus:9090' } } }), 'infrastructure.flagger.metricsServer', 'prometheus:9090');
  });
  test('the bundled Prometheus and another metrics server exclude each other', () => {
    expectPropError(() => new GitOpsLayout({ infrastructure: { prometheus: { install: true }, flagger: { metricsServer: 'http://prometheus:9090' } } }),
      'infrastructure.flagger.metricsServer', 'http://prometheus:9090', 'set one or the other');
  });
});

describe('Flux dependencies resolve', () => {
  const layout = (props: GitOpsLayoutProps, envDependsOn: string[] = [], appDependsOn: string[] = []) => {
    const l = new GitOpsLayout({ outdir: 'unused', ...props });
    const env = l.addEnvironment('prod', { dependsOn: envDependsOn });
    new RollingApp(env.addApp('api', { dependsOn: appDependsOn }), 'api', { name: 'api', image: IMAGE, port: 8080 });
    gatewayCanary(env);
    return l;
  };

  test('an environment dependsOn naming no Kustomization of its cluster is refused (Flux would wait forever)', () => {
    expectPropError(() => layout({}, ['flagger']).render(), 'dependsOn[0]', 'flagger', 'declared in the layout\'s externalKustomizations');
  });
  test('an app dependsOn naming no Kustomization of its cluster is refused', () => {
    expectPropError(() => layout({}, [], ['database']).render(), 'addApp(api).dependsOn[0]', 'database', 'infra-controllers');
  });
  test('the infrastructure\'s and other app folders\' Kustomizations resolve', () => {
    const files = layout({}, [], ['infra-controllers', 'prod-web']).render();
    // each once
    expect(parse(files, 'clusters/prod/kustomization-prod-api.yaml').spec.dependsOn).toEqual([{ name: 'infra-controllers' }, { name: 'prod-web' }]);
  });
  test('Kustomizations applied by something else are declared external, by name or as namespace/name', () => {
    const files = layout({ externalKustomizations: ['flagger', 'flux-system/database'] }, ['flagger'], ['database']).render();
    expect(parse(files, 'clusters/prod/kustomization-prod-api.yaml').spec.dependsOn).toEqual([{ name: 'infra-controllers' }, { name: 'flagger' }, { name: 'database' }]);
  });
  test('an external Kustomization is a valid name', () => {
    expectPropError(() => new GitOpsLayout({ externalKustomizations: ['Flagger'] }), 'externalKustomizations[0]', 'Flagger');
  });
});
