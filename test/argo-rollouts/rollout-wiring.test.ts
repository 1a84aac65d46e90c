import { Testing } from 'cdk8s';
import { RolloutBlueGreenApp, RolloutCanaryApp, RolloutCanaryAppProps, RolloutMetric, RolloutTrafficRouter } from '../../lib';
import { expectPropError } from '../support/errors';
import { admits } from '../support/policy';
import { find, synthValid } from '../support/validate';

const PROMETHEUS = 'http://prometheus.monitoring:9090';
const NAME = 'app.kubernetes.io/name';
const route = { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['web.example.com'] };
const ingress = { className: 'nginx', hosts: ['web.example.com'] };
const policy = { ingressNamespaces: ['edge'], prometheusNamespace: 'monitoring' };
const metrics = [RolloutMetric.requestSuccessRate({ minPercent: 99 })];
const base: RolloutCanaryAppProps = {
  name: 'web',
  namespace: 'shop',
  image: 'ghcr.io/acme/web:2.1.0',
  extraPorts: [{ name: 'metrics', port: 9090 }],
  analysis: { stepWeight: 20, maxWeight: 40, prometheusAddress: PROMETHEUS, metrics },
};
const routers: Array<[string, RolloutTrafficRouter, Partial<RolloutCanaryAppProps>]> = [
  ['gatewayApi', RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }] }), {}],
  ['istio', RolloutTrafficRouter.istio({ virtualService: 'web' }), {}],
  ['nginx', RolloutTrafficRouter.nginx(), { ingress }],
  ['replicas, with an Ingress', RolloutTrafficRouter.replicas(), { ingress }],
  ['replicas, with a route', RolloutTrafficRouter.replicas(), { route }],
];

function canary(props: Partial<RolloutCanaryAppProps>) {
  const chart = Testing.chart();
  const app = new RolloutCanaryApp(chart, 'web', { ...base, ...props });
  return { app, objects: synthValid(chart) };
}

describe.each(routers)('a canary routed by %s, with a NetworkPolicy', (_router, trafficRouter, exposure) => {
  const { objects } = canary({ trafficRouter, ...exposure, networkPolicy: policy });
  const np = find(objects, 'NetworkPolicy', 'web');

  test('lets the ingress controller or Gateway namespaces reach the main port, and no other namespace', () => {
    expect(admits(np, 'shop', { namespace: 'edge' }, 'http')).toBe(true);
    expect(admits(np, 'shop', { namespace: 'elsewhere' }, 'http')).toBe(false);
  });
});

test.each(routers.slice(0, 2))('a canary routed by %s needs the namespaces of the Gateway or mesh gateway pods in its NetworkPolicy', (_router, trafficRouter) => {
  expectPropError(() => canary({ trafficRouter, networkPolicy: { prometheusNamespace: 'monitoring' } }), 'networkPolicy.ingressNamespaces', undefined,
    `the app is reached through the ${trafficRouter.type} router's routing: list the namespaces of the ingress controller or Gateway pods`);
});

test('without a router, `route` gives the canary an HTTPRoute to the Service that spans both versions', () => {
  const { app, objects } = canary({ trafficRouter: RolloutTrafficRouter.replicas(), route });
  const spec = find(objects, 'HTTPRoute', 'web').spec;
  expect(spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateway-system' }]);
  expect(spec.rules.map((r: any) => r.backendRefs)).toEqual([[{ name: 'web', port: 80 }]]);
  expect(app.httpRoute).toBeDefined();
  expect(app._deliveryHints().driftIgnores.map(d => `${d.kind}/${d.name}`)).toEqual(['Service/web-canary']);
});

describe('a blue/green with `route`', () => {
  const chart = Testing.chart();
  const app = new RolloutBlueGreenApp(chart, 'web', { ...base, analysis: { iterations: 3, threshold: 2, prometheusAddress: PROMETHEUS, metrics }, route, networkPolicy: policy });
  const objects = synthValid(chart);

  test('gets an HTTPRoute to the active Service', () => {
    expect(find(objects, 'HTTPRoute', 'web').spec.rules.map((r: any) => r.backendRefs)).toEqual([[{ name: 'web', port: 80 }]]);
    expect(app.route).toBeDefined();
  });

  test('its NetworkPolicy lets the Gateway namespaces reach the pods', () => {
    expect(admits(find(objects, 'NetworkPolicy', 'web'), 'shop', { namespace: 'edge' }, 'http')).toBe(true);
  });
});

describe('monitoring', () => {
  test('the PodMonitor selects both versions\' pods (one name label) and keeps their pod-template hash', () => {
    const { objects } = canary({ trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public' }] }), monitoring: { port: 'metrics' } });
    const spec = find(objects, 'PodMonitor', 'web').spec;
    expect(spec.selector).toEqual({ matchLabels: { [NAME]: 'web' } });
    expect(find(objects, 'Rollout', 'web').spec.template.metadata.labels[NAME]).toBe('web');
    expect(spec.podTargetLabels).toEqual(['rollouts-pod-template-hash']);
  });

  test('the plan says the PodMonitor keeps the hash the builtin metrics filter on', () => {
    const { app } = canary({ trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public' }] }), monitoring: {} });
    expect(app.plan.notes).toContainEqual(expect.stringContaining('the PodMonitor `web` scrapes both versions\' pods and keeps their label `rollouts-pod-template-hash`'));
  });

  test('without monitoring the plan says nothing scrapes the series the builtin metrics read', () => {
    const { app } = canary({ trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public' }] }) });
    expect(app.plan.notes).toContainEqual(expect.stringContaining('Nothing scrapes this app'));
  });

  test('metrics of the router\'s own (ingress-nginx, Istio) need no note about the app\'s series', () => {
    const { app } = canary({ trafficRouter: RolloutTrafficRouter.nginx(), ingress });
    expect(app.plan.notes.filter(n => n.includes('rollouts_pod_template_hash'))).toEqual([]);
  });
});
