import { Testing } from 'cdk8s';
import { routeCanaryExample } from '../../examples/route-canary-app';
import { AppVersionProps, GitOpsLayout, RolloutPlanKind, RouteCanaryApp, RouteCanaryAppProps, RoutePath, TrafficMatch } from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';
import { renderedWatchCommands } from '../support/plans';

const stable: AppVersionProps = { image: 'ghcr.io/acme/web:1.0.0', replicas: 3, configFiles: { 'app.conf': 'version=1\n' } };
const canary: AppVersionProps = { image: 'ghcr.io/acme/web:2.0.0', replicas: 1, configFiles: { 'app.conf': 'version=2\n' } };
const route = { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['web.example.com'] };
const base: RouteCanaryAppProps = { name: 'web', stable, route };
const ab = [TrafficMatch.headerExact('x-canary', 'insider'), TrafficMatch.cookie('canary'), TrafficMatch.queryParamRegex('beta', '^(1|yes)$')];

function synth(props: Partial<RouteCanaryAppProps> = {}) {
  const chart = Testing.chart();
  const app = new RouteCanaryApp(chart, 'web', { ...base, ...props });
  return { app, objects: synthValid(chart) };
}

const ids = (objects: any[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);
const NAME = 'app.kubernetes.io/name';
const rules = (objects: any[]) => find(objects, 'HTTPRoute', 'web').spec.rules;

describe('stable only', () => {
  const { app, objects } = synth({ canaryWeight: 30, canaryMatches: ab });

  test('emits the stable ConfigMap, Deployment, PDB, Service and the HTTPRoute, nothing for the canary', () => {
    expect(ids(objects)).toEqual(['ConfigMap/web-config', 'Deployment/web', 'PodDisruptionBudget/web', 'Service/web', 'HTTPRoute/web']);
    expect([app.canaryDeployment, app.canaryService]).toEqual([undefined, undefined]);
    expect([app.stableReplicas, app.canaryReplicas, app.canaryWeight]).toEqual([3, 0, 0]);
  });

  test('the route has one rule to the stable Service; weight and matches wait for a canary', () => {
    expect(rules(objects)).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }]);
  });

  test('the plan says the weight is not applied (aborting is removing canary alone)', () => {
    expect(app.plan.notes[0]).toBe('canaryWeight 30 is not applied: there is no canary, so the route sends every request to `web`.');
    expect(synth({ canaryWeight: 0 }).app.plan.notes.join('\n')).not.toContain('not applied');
  });

  test('the stable Deployment and Service select name + track: stable', () => {
    expect(find(objects, 'Deployment', 'web').spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track: 'stable' } });
    expect(find(objects, 'Service', 'web').spec.selector).toEqual({ [NAME]: 'web', track: 'stable' });
  });
});

describe('a 20% weighted canary with A/B matches', () => {
  const { app, objects } = synth({ canary, canaryWeight: 20, weightSteps: [5, 20, 50], canaryMatches: ab, route: { ...route, paths: [RoutePath.prefix('/shop'), RoutePath.exact('/cart')], requestTimeout: '15s' } });

  test('emits a canary ConfigMap, Deployment, PDB and Service beside the stable ones, one HTTPRoute', () => {
    expect(ids(objects)).toEqual([
      'ConfigMap/web-config', 'Deployment/web', 'PodDisruptionBudget/web', 'Service/web',
      'ConfigMap/web-canary-config', 'Deployment/web-canary', 'Service/web-canary', 'HTTPRoute/web',
    ]);
    expect(find(objects, 'Service', 'web-canary').spec.selector).toEqual({ [NAME]: 'web', track: 'canary' });
    expect(find(objects, 'Deployment', 'web-canary').spec.replicas).toBe(1);
    expect(app.canaryService?.name).toBe('web-canary');
    expect(app.route.name).toBe('web');
  });

  test('the weighted rule splits 80/20 between the stable and the canary Service', () => {
    expect(rules(objects)[1]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/shop' } }, { path: { type: 'Exact', value: '/cart' } }],
      backendRefs: [{ name: 'web', port: 80, weight: 80 }, { name: 'web-canary', port: 80, weight: 20 }],
      timeouts: { request: '15s' },
    });
  });

  test('a first rule sends every path with any one A/B match to the canary: header, cookie (regex on the Cookie header), query parameter', () => {
    const [abRule] = rules(objects);
    const header = { headers: [{ name: 'x-canary', type: 'Exact', value: 'insider' }] };
    const cookie = { headers: [{ name: 'cookie', type: 'RegularExpression', value: '^(.*?;\\s*)?(canary=always)(;.*)?$' }] };
    const query = { queryParams: [{ name: 'beta', type: 'RegularExpression', value: '^(1|yes)$' }] };
    const shop = { path: { type: 'PathPrefix', value: '/shop' } };
    const cart = { path: { type: 'Exact', value: '/cart' } };
    expect(abRule).toEqual({
      matches: [{ ...shop, ...header }, { ...shop, ...cookie }, { ...shop, ...query }, { ...cart, ...header }, { ...cart, ...cookie }, { ...cart, ...query }],
      backendRefs: [{ name: 'web-canary', port: 80 }],
      timeouts: { request: '15s' },
    });
  });

  test('snapshot', () => {
    expect(find(objects, 'HTTPRoute', 'web')).toMatchSnapshot();
  });
});

describe('the commits of a release', () => {
  const at = (props: Partial<RouteCanaryAppProps>) => synth({ canary, weightSteps: [10, 50], canaryMatches: [ab[0]], ...props }).objects;

  test('a weight step changes only the weights of the HTTPRoute', () => {
    const before = at({ canaryWeight: 10 });
    const after = at({ canaryWeight: 50 });
    expect(ids(before)).toEqual(ids(after));
    const changed = before.filter((o, i) => JSON.stringify(o) !== JSON.stringify(after[i])).map(o => `${o.kind}/${o.metadata.name}`);
    expect(changed).toEqual(['HTTPRoute/web']);
    expect(rules(after)[1].backendRefs.map((b: any) => b.weight)).toEqual([50, 50]);
    expect({ ...rules(before)[1], backendRefs: undefined }).toEqual({ ...rules(after)[1], backendRefs: undefined });
    expect(rules(before)[0]).toEqual(rules(after)[0]);
  });

  test('weight 0 keeps the canary reachable by its matches only; weight 100 sends the rest to it too', () => {
    expect(rules(at({}))[1].backendRefs.map((b: any) => b.weight)).toEqual([100, 0]);
    expect(rules(at({ weightSteps: [50, 100], canaryWeight: 100 }))[1].backendRefs.map((b: any) => b.weight)).toEqual([0, 100]);
  });

  test('abort (remove canary): the canary objects go and the route sends everything to the stable Service', () => {
    const aborted = at({ canary: undefined });
    expect(ids(aborted).filter(id => id.includes('canary'))).toEqual([]);
    expect(rules(aborted)).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }]);
  });
});

test('autoscaled: each track has its own HPA at the minimum, and no replicas', () => {
  const { app, objects } = synth({ canary, autoscaling: { minReplicas: 2, maxReplicas: 5 } });
  expect(find(objects, 'HorizontalPodAutoscaler', 'web-canary').spec.scaleTargetRef.name).toBe('web-canary');
  expect(find(objects, 'Deployment', 'web-canary').spec.replicas).toBeUndefined();
  expect([app.stableAutoscaler?.name, app.canaryAutoscaler?.name, app.stableReplicas, app.canaryReplicas]).toEqual(['web', 'web-canary', 2, 2]);
});

describe('validation', () => {
  const make = (props: Partial<RouteCanaryAppProps>) => () => new RouteCanaryApp(Testing.chart(), 'web', { ...base, canary, ...props });

  test('route is required', () => {
    expectPropError(make({ route: undefined }), 'route', undefined, 'the HTTPRoute splits the traffic');
  });

  test('no Ingress beside the route', () => {
    expectPropError(make({ ingress: { hosts: ['web.example.com'] } }), 'ingress', ['web.example.com'], 'would bypass the canary routing');
  });

  test('canaryWeight is 0 to 100', () => {
    expectPropError(make({ canaryWeight: 101 }), 'canaryWeight', 101, 'must be an integer from 0 to 100');
  });

  test('weightSteps are 1 to 100 and strictly increasing', () => {
    expectPropError(make({ weightSteps: [20, 10] }), 'weightSteps', [20, 10], 'must be strictly increasing');
    expectPropError(make({ weightSteps: [0, 10] }), 'weightSteps[0]', 0, 'must be an integer from 1 to 100');
  });

  test('canaryWeight is 0 or one of the steps', () => {
    expectPropError(make({ weightSteps: [10, 50], canaryWeight: 25 }), 'canaryWeight', 25, 'must be 0 or one of weightSteps (10, 50)');
  });

  test('Gateway API matches headers and query parameters with exact or regex only', () => {
    expectPropError(make({ canaryMatches: [TrafficMatch.headerPrefix('user-agent', 'Mobile')] }), 'canaryMatches[0]', 'header user-agent prefix Mobile', 'exact or regex only');
  });

  test('header names are lowercase tokens other than cookie (the rules every router shares)', () => {
    expectPropError(make({ canaryMatches: [TrafficMatch.headerExact('X-Canary', '1')] }), 'canaryMatches[0].name', 'X-Canary', 'header names are lowercase HTTP tokens');
  });

  test('query parameter names are HTTP tokens', () => {
    expectPropError(make({ canaryMatches: [TrafficMatch.queryParam('a b', '1')] }), 'canaryMatches[0].name', 'a b', 'query parameter names are HTTP tokens');
  });

  test('values fit the schema: headers up to 4096 characters, query parameters up to 1024', () => {
    const long = 'x'.repeat(1025);
    expectPropError(make({ canaryMatches: [TrafficMatch.queryParam('beta', long)] }), 'canaryMatches[0]', `query beta exact ${long}`, 'query parameter values at most 1024');
    expect(make({ canaryMatches: [TrafficMatch.headerExact('x-beta', long)] })).not.toThrow();
  });

  test('CEL: the A/B rule holds every path with every match, at most 64, and 128 in the route', () => {
    const matches = Array.from({ length: 33 }, (_, i) => TrafficMatch.headerExact(`x-h${i}`, '1'));
    expectPropError(make({ canaryMatches: matches, route: { ...route, paths: [RoutePath.prefix('/a'), RoutePath.prefix('/b')] } }), 'canaryMatches', 33, 'at most 64 in one rule and 128 in the route');
    expect(make({ canaryMatches: matches.slice(0, 32), route: { ...route, paths: [RoutePath.prefix('/a'), RoutePath.prefix('/b')] } })).not.toThrow();
  });

  test('versions are checked under their prop paths', () => {
    expectPropError(make({ canary: { image: 'ghcr.io/acme/web' } }), 'canary.image', 'ghcr.io/acme/web');
  });
});

describe('the example', () => {
  const env = new GitOpsLayout({ outdir: 'unused' }).addEnvironment('demo');
  const app = routeCanaryExample(env);
  const objects = synthValid(env.apps[0]);

  test('nginx 1.16 stable and 1.17 canary: 20% of the requests (step 2 of 5, 20, 50) plus x-canary: insider', () => {
    expect([app.canaryWeight, app.stableReplicas, app.canaryReplicas]).toEqual([20, 3, 1]);
    const [abRule, weighted] = find(objects, 'HTTPRoute', 'nginx-route').spec.rules;
    expect(abRule.matches[0].headers).toEqual([{ name: 'x-canary', type: 'Exact', value: 'insider' }]);
    expect(weighted.backendRefs.map((b: any) => [b.name, b.weight])).toEqual([['nginx-route', 80], ['nginx-route-canary', 20]]);
    expect(find(objects, 'Deployment', 'nginx-route-canary').spec.template.spec.containers[0].image).toBe('nginxinc/nginx-unprivileged:1.17-alpine');
    expect(app.plan.steps.map(s => s.trafficPercent)).toEqual([5, 20, 50, 100]);
  });
});

describe('rollout plan', () => {
  test('the weight steps, the A/B matches and the route in the watch commands', () => {
    const { plan } = synth({ canary, canaryWeight: 10, weightSteps: [10, 30], canaryMatches: [ab[0]] }).app;
    expect(plan.kind).toBe(RolloutPlanKind.ROUTE_CANARY);
    expect(plan.steps.map(s => [s.name, s.trafficPercent, s.newPods, s.oldPods])).toEqual([['weight 10%', 10, 1, 3], ['weight 30%', 30, 1, 3], ['promote', 100, 3, 0]]);
    expect(plan.steps[0].description).toContain('plus every request with `header x-canary exact insider`');
    expect(plan.watchCommands).toContain('kubectl get httproute web -o jsonpath=\'{.spec.rules[*].backendRefs}\'');
  });

  test('in a GitOpsLayout environment the plan watches the Flux Kustomization', () => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    new RouteCanaryApp(layout.addEnvironment('staging').addApp('web'), 'web', { ...base, canary });
    expect(renderedWatchCommands(layout, 'staging/web')[0]).toBe('flux -n flux-system reconcile kustomization staging-web --with-source');
  });
});
