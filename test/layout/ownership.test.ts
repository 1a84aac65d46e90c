/**
 * The rules that keep a layout's output acceptable to the cluster: one owner
 * per object in each cluster (objects controllers create included), shared
 * helpers applied once per namespace, environments and dependencies within
 * one Flux instance, and namespaces set up as the apps need them.
 */
import * as YAML from 'yaml';
import {
  FlaggerBlueGreenApp, FlaggerLoadTester, GitOpsLayout, PodSecurityLevel, RollingApp, RolloutBlueGreenApp, RolloutMetric,
} from '../../lib';

const IMAGE = 'ghcr.io/acme/web:2.1.0';
const parse = (files: Record<string, string>, file: string) => YAML.parse(files[file]);

function layout(): GitOpsLayout {
  return new GitOpsLayout({ outdir: 'unused' });
}

describe('one owner per object in a cluster', () => {
  test('two environments on one cluster sharing a namespace would apply the same objects: refused, naming both files', () => {
    const l = layout();
    for (const env of ['staging', 'production']) {
      new RollingApp(l.addEnvironment(env, { cluster: 'platform', namespace: 'shop' }).addApp('web'), 'web', { name: 'web', image: IMAGE });
    }
    expect(() => l.render()).toThrow(/production\/web\/deployment-web.yaml: Deployment shop\/web: \/metadata\/name: staging\/web\/deployment-web.yaml applies an object of the same kind, namespace and name/);
  });

  test('environments that name their cluster get a namespace of their own by default, so they never collide', () => {
    const l = layout();
    for (const env of ['staging', 'production']) {
      new RollingApp(l.addEnvironment(env, { cluster: 'platform' }).addApp('web'), 'web', { name: 'web', image: IMAGE });
    }
    const files = l.render();
    expect(parse(files, 'staging/web/deployment-web.yaml').metadata.namespace).toBe('staging');
    expect(parse(files, 'production/web/deployment-web.yaml').metadata.namespace).toBe('production');
  });

  test('an app named like an object Flagger creates for another app of the namespace is refused', () => {
    const l = layout();
    const env = l.addEnvironment('prod', { namespace: 'shop' });
    new FlaggerBlueGreenApp(env.addApp('web'), 'web', { name: 'web', image: IMAGE, analysis: { iterations: 3 } });
    new RollingApp(env.addApp('web-primary'), 'web-primary', { name: 'web-primary', image: IMAGE });
    expect(() => l.render()).toThrow(/prod\/web-primary\/deployment-web-primary.yaml: Deployment shop\/web-primary: \/metadata\/name: the controller of prod\/web \(Flagger blue\/green\) creates this object at runtime; applying it from Git too makes the two fight over it/);
  });

  test('two apps of one namespace share one loadtester: the first folder applies it, the others wait for it', () => {
    const l = layout();
    const env = l.addEnvironment('prod', { namespace: 'shop' });
    for (const name of ['web', 'api']) {
      const chart = env.addApp(name);
      new FlaggerLoadTester(chart, 'loadtester');
      new RollingApp(chart, name, { name, image: IMAGE });
    }
    const files = l.render();
    expect(files['prod/web/deployment-flagger-loadtester.yaml']).toBeDefined();
    expect(files['prod/api/deployment-flagger-loadtester.yaml']).toBeUndefined();
    expect(parse(files, 'prod/api/kustomization.yaml').resources).not.toContain('deployment-flagger-loadtester.yaml');
    expect(parse(files, 'clusters/prod/kustomization-prod-api.yaml').spec.dependsOn).toEqual([{ name: 'prod-web' }]);
  });

  test('two apps of one namespace defining the shared loadtester differently are refused', () => {
    const l = layout();
    const env = l.addEnvironment('prod', { namespace: 'shop' });
    new FlaggerLoadTester(env.addApp('web'), 'loadtester');
    new FlaggerLoadTester(env.addApp('api'), 'loadtester', { replicas: 2 });
    expect(() => l.render()).toThrow(/prod\/web defines the same shared helper \(web\/loadtester\) in this namespace with other settings/);
  });

  test('two Ingresses of one class for the same host and path are refused (ingress-nginx admission would refuse the second)', () => {
    const l = layout();
    const env = l.addEnvironment('prod');
    for (const name of ['web', 'api']) {
      new RollingApp(env.addApp(name), name, { name, image: IMAGE, ingress: { className: 'nginx', hosts: ['shop.example.com'] } });
    }
    expect(() => l.render()).toThrow(/prod\/api\/ingress-api.yaml: Ingress api\/api: \/spec\/rules\/0\/http\/paths\/0: prod\/web\/ingress-web.yaml routes the same host "shop.example.com" and path "\/"/);
  });
  test('one controller creating several objects under one name pattern (an AnalysisRun per template) is one owner', () => {
    const l = layout();
    new RolloutBlueGreenApp(l.addEnvironment('prod').addApp('web'), 'web', {
      name: 'web', image: IMAGE,
      analysis: { iterations: 5, metrics: [RolloutMetric.requestSuccessRate()], postPromotionMetrics: [RolloutMetric.requestDuration()], prometheusAddress: 'http://prometheus.monitoring:9090' },
    });
    expect(Object.keys(l.render())).toContain('prod/web/rollout-web.yaml');
  });
});

describe('environments and dependencies', () => {
  test.each(['clusters', 'plans'])('an environment named %s (a folder of the output) is refused', name => {
    expect(() => layout().addEnvironment(name)).toThrow(new RegExp(`environment ${name}: invalid 'name' \\("${name}"\\): "clusters" and "plans" are folders of the output itself`));
  });

  test('an environment gated on one of another cluster is refused (Flux dependsOn works within one Flux instance)', () => {
    const l = layout();
    const staging = l.addEnvironment('staging');
    expect(() => l.addEnvironment('production', { after: [staging] })).toThrow(/environment production: invalid 'after' \("staging"\): "staging" runs on cluster "staging", "production" on "production"/);
  });

  test('an app depending on its own Kustomization is refused', () => {
    expect(() => layout().addEnvironment('prod').addApp('web', { dependsOn: ['prod-web'] })).toThrow(/invalid 'addApp\(web\).dependsOn\[0\]' \("prod-web"\): an app cannot depend on its own Kustomization/);
  });

  test('a cycle of dependencies is refused, naming it', () => {
    const l = layout();
    const env = l.addEnvironment('prod');
    new RollingApp(env.addApp('web', { dependsOn: ['prod-api'] }), 'web', { name: 'web', image: IMAGE });
    new RollingApp(env.addApp('api', { dependsOn: ['prod-web'] }), 'api', { name: 'api', image: IMAGE });
    expect(() => l.render()).toThrow(/cluster prod: invalid 'dependsOn' \(\["prod-api","prod-web","prod-api"\]\): the Kustomizations depend on each other in a circle/);
  });

  test('an empty app name gets the name rule, not a construct error', () => {
    expect(() => layout().addEnvironment('prod').addApp('')).toThrow(/environment prod: invalid 'addApp\(name\)' \(""\): must be a DNS-1123 label/);
  });

  test('a source named flux-system (bootstrap\'s own GitRepository) is refused', () => {
    expect(() => new GitOpsLayout({ source: { name: 'flux-system', url: 'https://github.com/acme/x' } })).toThrow(/invalid 'source.name' \("flux-system"\): flux bootstrap creates the GitRepository "flux-system"/);
  });
});

describe('namespaces users already have', () => {
  test.each(['default', 'kube-system', 'kube-public', 'flux-system'])('apps in %s get no Namespace object', namespace => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod').addApp('web', { namespace }), 'web', { name: 'web', image: IMAGE });
    expect(Object.keys(l.render()).filter(f => f.startsWith('clusters/prod/namespace-'))).toEqual([]);
  });

  test('a system namespace declared to be created is refused', () => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod').addApp('web', { namespace: 'kube-system', namespaceOptions: { create: true } }), 'web', { name: 'web', image: IMAGE });
    expect(() => l.render()).toThrow(/invalid 'addApp\(web\).namespaceOptions.create' \(true\): "kube-system" exists in every cluster/);
  });

  test('a namespace declared as existing gets no Namespace object', () => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod').addApp('web', { namespaceOptions: { create: false } }), 'web', { name: 'web', image: IMAGE });
    expect(Object.keys(l.render())).not.toContain('clusters/prod/namespace-web.yaml');
  });

  test('labels, annotations and the Pod Security level go on the Namespace we create', () => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod', { namespaceOptions: { labels: { team: 'shop' }, podSecurity: PodSecurityLevel.BASELINE } }).addApp('web', { namespaceOptions: { annotations: { owner: 'shop@example.com' } } }), 'web', { name: 'web', image: IMAGE });
    const ns = parse(l.render(), 'clusters/prod/namespace-web.yaml');
    expect(ns.metadata.labels).toMatchObject({ 'team': 'shop', 'pod-security.kubernetes.io/enforce': 'baseline' });
    expect(ns.metadata.annotations).toEqual({ 'owner': 'shop@example.com', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });

  test('Istio injection with the default restricted level is refused (the init container needs NET_ADMIN)', () => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod').addApp('web', { namespaceOptions: { labels: { 'istio-injection': 'enabled' } } }), 'web', { name: 'web', image: IMAGE });
    expect(() => l.render()).toThrow(/invalid 'addApp\(web\).namespaceOptions.labels.istio-injection' \("enabled"\): Istio's sidecar injection adds an init container with NET_ADMIN and NET_RAW/);
  });

  test('Istio injection with the baseline level is accepted, and labels the Namespace', () => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod').addApp('web', { namespaceOptions: { labels: { 'istio-injection': 'enabled' }, podSecurity: PodSecurityLevel.BASELINE } }), 'web', { name: 'web', image: IMAGE });
    expect(parse(l.render(), 'clusters/prod/namespace-web.yaml').metadata.labels['istio-injection']).toBe('enabled');
  });

  test('a pod whose security opt-outs exceed its namespace\'s level is refused at synth', () => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image: IMAGE, security: { runAsNonRoot: false } });
    expect(() => l.render()).toThrow(/prod\/web\/deployment-web.yaml: Deployment web\/web: \/spec\/template\/spec\/securityContext\/runAsNonRoot: the pod allows root \(restricted\); the namespace web enforces Pod Security Standards "restricted"/);
  });

  test('the same opt-out is accepted in a namespace that enforces baseline', () => {
    const l = layout();
    new RollingApp(l.addEnvironment('prod').addApp('web', { namespaceOptions: { podSecurity: PodSecurityLevel.BASELINE } }), 'web', { name: 'web', image: IMAGE, security: { runAsNonRoot: false } });
    expect(parse(l.render(), 'prod/web/deployment-web.yaml').spec.template.spec.securityContext.runAsNonRoot).toBe(false);
  });

  test('two apps sharing a namespace must set it up alike', () => {
    const l = layout();
    const env = l.addEnvironment('prod', { namespace: 'shop' });
    new RollingApp(env.addApp('web'), 'web', { name: 'web', image: IMAGE });
    new RollingApp(env.addApp('api', { namespaceOptions: { labels: { team: 'api' } } }), 'api', { name: 'api', image: IMAGE });
    expect(() => l.render()).toThrow(/the namespace "shop" is shared with prod\/web, which sets it up differently/);
  });
});
