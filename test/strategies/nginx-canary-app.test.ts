import { Testing } from 'cdk8s';
import { nginxCanaryExample } from '../../examples/nginx-canary-app';
import { AppVersionProps, CanaryRouting, CanaryRoutingKind, GitOpsLayout, NginxCanaryApp, NginxCanaryAppProps, RolloutPlanKind } from '../../lib';
import { find, synthValid } from '../support/validate';
import { renderedWatchCommands } from '../support/plans';

const stable: AppVersionProps = { image: 'ghcr.io/acme/web:1.0.0', replicas: 3, configFiles: { 'app.conf': 'version=1\n' } };
const canary: AppVersionProps = { image: 'ghcr.io/acme/web:2.0.0', replicas: 1, configFiles: { 'app.conf': 'version=2\n' } };
const ingress = { className: 'nginx', hosts: ['web.example.com', 'www.example.com'], path: '/shop', tlsSecretName: 'web-tls' };
const base: NginxCanaryAppProps = { name: 'web', stable, ingress };

function synth(props: Partial<NginxCanaryAppProps> = {}) {
  const chart = Testing.chart();
  const app = new NginxCanaryApp(chart, 'web', { ...base, ...props });
  return { app, objects: synthValid(chart) };
}

const ids = (objects: any[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);
const NAME = 'app.kubernetes.io/name';
const P = 'nginx.ingress.kubernetes.io';

describe('stable only', () => {
  const { app, objects } = synth({ routing: CanaryRouting.weight(50) });

  test('emits the stable ConfigMap, Deployment, Service, Ingress and PDB, and nothing for the canary', () => {
    expect(ids(objects).sort()).toEqual(['ConfigMap/web-config', 'Deployment/web', 'Ingress/web', 'PodDisruptionBudget/web', 'Service/web']);
    expect(app.canaryDeployment).toBeUndefined();
    expect(app.canaryService).toBeUndefined();
    expect(app.canaryIngress).toBeUndefined();
    expect([app.stableReplicas, app.canaryReplicas]).toEqual([3, 0]);
  });

  test('routing is ignored without a canary', () => {
    expect(app.routing).toBeUndefined();
    expect(find(objects, 'Ingress', 'web').metadata.annotations).toBeUndefined();
  });

  test('the stable Deployment and Service select name + track: stable', () => {
    expect(find(objects, 'Deployment', 'web').spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track: 'stable' } });
    expect(find(objects, 'Service', 'web').spec.selector).toEqual({ [NAME]: 'web', track: 'stable' });
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('a 20% weighted canary', () => {
  const { app, objects } = synth({ canary, routing: CanaryRouting.weight(20) });
  const stableIngress = find(objects, 'Ingress', 'web');
  const canaryIngress = find(objects, 'Ingress', 'web-canary');

  test('emits a canary ConfigMap, Deployment, Service and Ingress beside the stable ones', () => {
    expect(ids(objects).sort()).toEqual([
      'ConfigMap/web-canary-config', 'ConfigMap/web-config',
      'Deployment/web', 'Deployment/web-canary',
      'Ingress/web', 'Ingress/web-canary',
      'PodDisruptionBudget/web',
      'Service/web', 'Service/web-canary',
    ]);
  });

  test('each Service selects name + its track, exactly the pods of its Deployment', () => {
    for (const [name, track] of [['web', 'stable'], ['web-canary', 'canary']]) {
      expect(find(objects, 'Deployment', name).spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track } });
      expect(find(objects, 'Service', name).spec.selector).toEqual({ [NAME]: 'web', track });
      expect(find(objects, 'Deployment', name).spec.template.metadata.labels).toMatchObject({ [NAME]: 'web', track });
    }
  });

  test('only the canary Ingress carries the canary annotations', () => {
    expect(canaryIngress.metadata.annotations).toEqual({ [`${P}/canary`]: 'true', [`${P}/canary-weight`]: '20' });
    expect(stableIngress.metadata.annotations).toBeUndefined();
  });

  test('both Ingresses have the same class, hosts, paths and TLS; each routes to its own Service', () => {
    const backendOf = (ing: any) => ing.spec.rules.map((r: any) => r.http.paths[0].backend.service.name);
    const withoutBackends = (ing: any) => ing.spec.rules.map((r: any) => ({ host: r.host, paths: r.http.paths.map((p: any) => ({ path: p.path, pathType: p.pathType })) }));
    expect(withoutBackends(canaryIngress)).toEqual(withoutBackends(stableIngress));
    expect(withoutBackends(stableIngress)).toEqual([
      { host: 'web.example.com', paths: [{ path: '/shop', pathType: 'Prefix' }] },
      { host: 'www.example.com', paths: [{ path: '/shop', pathType: 'Prefix' }] },
    ]);
    expect(canaryIngress.spec.ingressClassName).toBe('nginx');
    expect(canaryIngress.spec.tls).toEqual(stableIngress.spec.tls);
    expect(backendOf(stableIngress)).toEqual(['web', 'web']);
    expect(backendOf(canaryIngress)).toEqual(['web-canary', 'web-canary']);
  });

  test('each version has its own ConfigMap, mounted by its own Deployment', () => {
    expect(find(objects, 'ConfigMap', 'web-canary-config').data).toEqual({ 'app.conf': 'version=2\n' });
    expect(find(objects, 'Deployment', 'web-canary').spec.template.spec.volumes[0]).toEqual({ name: 'config', configMap: { name: 'web-canary-config' } });
    expect(find(objects, 'Deployment', 'web').spec.template.spec.volumes[0]).toEqual({ name: 'config', configMap: { name: 'web-config' } });
  });

  test('exposes the objects and the routing', () => {
    expect(app.routing?.kind).toBe(CanaryRoutingKind.WEIGHT);
    expect(app.routing?.percent).toBe(20);
    expect(app.canaryDeployment?.name).toBe('web-canary');
    expect(app.canaryService?.name).toBe('web-canary');
    expect(app.canaryIngress?.name).toBe('web-canary');
    expect(app.canaryConfigMap?.name).toBe('web-canary-config');
    expect(app.stableDeployment.name).toBe('web');
    expect(app.ingress.name).toBe('web');
    expect([app.stableReplicas, app.canaryReplicas]).toEqual([3, 1]);
  });

  test('adding or aborting the canary leaves every stable object as it was', () => {
    const { objects: without } = synth();
    for (const o of without) expect(find(objects, o.kind, o.metadata.name)).toEqual(o);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

test.each([
  ['default: weight 0', undefined, { [`${P}/canary`]: 'true', [`${P}/canary-weight`]: '0' }],
  ['weight 100', CanaryRouting.weight(100), { [`${P}/canary`]: 'true', [`${P}/canary-weight`]: '100' }],
  ['header', CanaryRouting.header('X-Canary'), { [`${P}/canary`]: 'true', [`${P}/canary-by-header`]: 'X-Canary' }],
  ['header with value', CanaryRouting.header('x-canary', 'always'), { [`${P}/canary`]: 'true', [`${P}/canary-by-header`]: 'x-canary', [`${P}/canary-by-header-value`]: 'always' }],
  ['header pattern', CanaryRouting.headerPattern('x-user', '^(alice|bob)$'), { [`${P}/canary`]: 'true', [`${P}/canary-by-header`]: 'x-user', [`${P}/canary-by-header-pattern`]: '^(alice|bob)$' }],
  ['cookie', CanaryRouting.cookie('canary'), { [`${P}/canary`]: 'true', [`${P}/canary-by-cookie`]: 'canary' }],
] as Array<[string, CanaryRouting | undefined, Record<string, string>]>)('routing %s sets the canary Ingress annotations', (_name, routing, annotations) => {
  const { objects } = synth({ canary, routing });
  expect(find(objects, 'Ingress', 'web-canary').metadata.annotations).toEqual(annotations);
});

test('the ingress annotations go on both Ingresses', () => {
  const { objects } = synth({ canary, ingress: { ...ingress, annotations: { [`${P}/proxy-body-size`]: '8m' } }, routing: CanaryRouting.cookie('beta') });
  expect(find(objects, 'Ingress', 'web').metadata.annotations).toEqual({ [`${P}/proxy-body-size`]: '8m' });
  expect(find(objects, 'Ingress', 'web-canary').metadata.annotations).toEqual({ [`${P}/proxy-body-size`]: '8m', [`${P}/canary`]: 'true', [`${P}/canary-by-cookie`]: 'beta' });
});

describe('header routing, autoscaled', () => {
  const { app, objects } = synth({ canary, routing: CanaryRouting.headerPattern('x-user', '^(alice|bob)$'), autoscaling: { minReplicas: 2, maxReplicas: 5 } });

  test('each track has its own HPA and PDB, and no replicas', () => {
    for (const [name, track] of [['web', 'stable'], ['web-canary', 'canary']]) {
      expect(find(objects, 'HorizontalPodAutoscaler', name).spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(find(objects, 'PodDisruptionBudget', name).spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track } });
      expect(find(objects, 'Deployment', name).spec.replicas).toBeUndefined();
    }
    expect(app.stableAutoscaler?.name).toBe('web');
    expect(app.canaryAutoscaler?.name).toBe('web-canary');
    expect(app.canaryDisruptionBudget?.name).toBe('web-canary');
    expect([app.stableReplicas, app.canaryReplicas]).toEqual([2, 2]);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('validation', () => {
  const cases: Array<[string, Partial<NginxCanaryAppProps>, RegExp]> = [
    ['stable is required', { stable: undefined }, /invalid 'stable' \(undefined\): a version/],
    ['the canary version is checked under its prop path', { canary: { image: 'web' } }, /invalid 'canary.image' \("web"\)/],
    ['ingress is required', { ingress: undefined }, /invalid 'ingress' \(undefined\): ingress-nginx routes the canary: set ingress with hosts and the className/],
    ['ingress hosts are required', { ingress: { className: 'nginx' } }, /invalid 'ingress.hosts' \(undefined\): list the hosts/],
    ['ingress className is required', { ingress: { hosts: ['web.example.com'] } }, /invalid 'ingress.className' \(undefined\): set the IngressClass of an ingress-nginx controller/],
    ['no canary annotations on the stable Ingress', { ingress: { ...ingress, annotations: { [`${P}/canary-weight`]: '10' } } },
      /invalid 'ingress.annotations.nginx.ingress.kubernetes.io\/canary-weight' \("nginx.ingress.kubernetes.io\/canary-weight"\): the canary annotations are set on the canary Ingress/],
    ['weight is a percentage', { routing: CanaryRouting.weight(120) }, /invalid 'routing.percent' \(120\): must be an integer from 0 to 100/],
    ['weight is given', { routing: CanaryRouting.weight(undefined as any) }, /invalid 'routing.percent' \(undefined\): must be an integer from 0 to 100/],
    ['header name', { routing: CanaryRouting.header('x canary') }, /invalid 'routing.name' \("x canary"\): names are letters, digits, '-' and '_'/],
    ['header value', { routing: CanaryRouting.header('x-canary', 'yes please') }, /invalid 'routing.value' \("yes please"\): header values are letters, digits/],
    ['header pattern', { routing: CanaryRouting.headerPattern('x-user', '(alice') }, /invalid 'routing.pattern' \("\(alice"\): must be a non-empty regular expression/],
    ['header pattern characters ingress-nginx accepts', { routing: CanaryRouting.headerPattern('x-user', '^(alice, bob)$') }, /invalid 'routing.pattern' \("\^\(alice, bob\)\$"\): .*no spaces or commas/],
    ['no HTTPRoute: it would bypass the canary Ingress', { route: { parentRefs: [{ name: 'public' }] } }, /invalid 'route' \(\[\{"name":"public"\}\]\): ingress-nginx routes this canary through its Ingresses.*use RouteCanaryApp/],
  ];
  test.each(cases)('%s', (_rule, props, message) => {
    expect(() => new NginxCanaryApp(Testing.chart(), 'web', { ...base, canary, ...props } as NginxCanaryAppProps)).toThrow(message);
  });

  test('routing is checked even without a canary', () => {
    expect(() => new NginxCanaryApp(Testing.chart(), 'web', { ...base, routing: CanaryRouting.cookie('beta;') })).toThrow(/^test\/web: invalid 'routing.name' \("beta;"\)/);
  });
});

describe('the example', () => {
  const env = new GitOpsLayout({ outdir: 'unused' }).addEnvironment('demo');
  const app = nginxCanaryExample(env);
  const objects = synthValid(env.apps[0]);

  test('nginx 1.16 stable and 1.17 canary with 20% of the requests', () => {
    expect(app.routing?.percent).toBe(20);
    expect(find(objects, 'Ingress', 'nginx-weighted-canary').metadata.annotations).toEqual({ [`${P}/canary`]: 'true', [`${P}/canary-weight`]: '20' });
    expect(find(objects, 'Deployment', 'nginx-weighted').spec.template.spec.containers[0].image).toBe('nginxinc/nginx-unprivileged:1.16-alpine');
    expect(find(objects, 'Deployment', 'nginx-weighted-canary').spec.template.spec.containers[0].image).toBe('nginxinc/nginx-unprivileged:1.17-alpine');
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('rollout plan', () => {
  test('weight 20 with 3 stable and 1 canary pods: 20% of the requests, 4 pods at the peak, and the canary pod takes 0.75x a stable pod\'s load', () => {
    const plan = synth({ canary, routing: CanaryRouting.weight(20) }).app.plan;
    expect(plan.kind).toBe(RolloutPlanKind.NGINX_CANARY);
    expect(plan.steps.map(s => [s.name, s.trafficPercent, s.newPods, s.oldPods])).toEqual([['weight 20%', 20, 1, 3], ['promote', 100, 3, 0]]);
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([3, 4, 3]);
    // (20 / 1) / (80 / 3) = 0.75
    expect(plan.notes[0]).toContain('0.75×');
    expect(plan.watchCommands).toContain('kubectl get ingress web-canary -o jsonpath=\'{.metadata.annotations}\'');
  });

  test('a canary without routing plans weight 0', () => {
    const plan = synth({ canary }).app.plan;
    expect(plan.steps[0]).toMatchObject({ name: 'weight 0%', trafficPercent: 0 });
  });

  test.each([
    ['header', CanaryRouting.header('x-canary'), 'header `x-canary: always`'],
    ['header with a value', CanaryRouting.header('x-canary', 'insider'), 'header `x-canary: insider`'],
    ['header pattern', CanaryRouting.headerPattern('x-region', '^eu-.*'), 'header `x-region` matching `^eu-.*`'],
    ['cookie', CanaryRouting.cookie('beta'), 'cookie `beta=always`'],
  ])('routing by %s: the plan routes the matched requests and no weight', (_, routing, rule) => {
    const plan = synth({ canary, routing }).app.plan;
    expect(plan.steps[0]).toMatchObject({ name: 'matched requests', trafficPercent: 0 });
    expect(plan.steps[0].description).toContain(`plus every request with ${rule}`);
  });

  test('in a GitOpsLayout environment the plan watches the Flux Kustomization <environment>-<app>', () => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    const chart = layout.addEnvironment('staging').addApp('web');
    const plan = new NginxCanaryApp(chart, 'web', { ...base, canary }).plan;
    expect(renderedWatchCommands(layout, 'staging/web').slice(0, 2)).toEqual([
      'flux -n flux-system reconcile kustomization staging-web --with-source',
      'flux -n flux-system get kustomizations staging-web --watch',
    ]);
    expect(plan.namespace).toBe('web');
  });
});
