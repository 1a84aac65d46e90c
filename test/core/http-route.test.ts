import { Testing } from 'cdk8s';
import { HttpRouteProps, ReplicaCanaryApp, RollingApp, RollingAppProps, RoutePath } from '../../lib';
import { find, synthValid } from '../support/validate';

const gateway = { name: 'public', namespace: 'gateway-system' };
const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0', route: { parentRefs: [gateway] } };

function synth(route: HttpRouteProps, props: Partial<RollingAppProps> = {}) {
  const chart = Testing.chart();
  const app = new RollingApp(chart, 'web', { ...base, ...props, route });
  return { app, objects: synthValid(chart) };
}

describe('a minimal route', () => {
  const { app, objects } = synth({ parentRefs: [gateway] });

  test('an HTTPRoute <name> after the Service: attached to the Gateway, every path to the Service on the service port', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Service/web', 'HTTPRoute/web', 'PodDisruptionBudget/web']);
    const route = find(objects, 'HTTPRoute', 'web');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateway-system' }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }],
    });
    expect(route.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'cdk8s-delivery' });
    expect(app.route?.name).toBe('web');
  });

  test('the backendRef follows servicePort', () => {
    const route = find(synth({ parentRefs: [gateway] }, { servicePort: 8081 }).objects, 'HTTPRoute', 'web');
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 8081 }]);
  });
});

describe('every option', () => {
  const { objects } = synth({
    parentRefs: [{ ...gateway, sectionName: 'https' }, { ...gateway, sectionName: 'http', port: 80 }],
    hostnames: ['web.example.com', '*.web.example.com'],
    paths: [RoutePath.prefix('/api'), RoutePath.exact('/healthz'), RoutePath.regex('^/v[0-9]+/.*')],
    requestTimeout: '30s',
    backendRequestTimeout: '10s',
    requestHeaders: { set: { 'X-Forwarded-Team': 'shop', 'X-Env': 'prod' }, add: { 'X-Trace': 'on' }, remove: ['X-Debug'] },
    responseHeaders: { set: { 'Strict-Transport-Security': 'max-age=31536000' } },
    annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' },
  }, { annotations: { 'example.com/team': 'shop' } });
  const route = find(objects, 'HTTPRoute', 'web');

  test('parentRefs keep their listener and port, hostnames their order', () => {
    expect(route.spec.parentRefs).toEqual([
      { name: 'public', namespace: 'gateway-system', sectionName: 'https' },
      { name: 'public', namespace: 'gateway-system', sectionName: 'http', port: 80 },
    ]);
    expect(route.spec.hostnames).toEqual(['web.example.com', '*.web.example.com']);
  });

  test('one match per path, the header filters (sorted by name) and the timeouts on the rule', () => {
    expect(route.spec.rules).toEqual([{
      matches: [
        { path: { type: 'PathPrefix', value: '/api' } },
        { path: { type: 'Exact', value: '/healthz' } },
        { path: { type: 'RegularExpression', value: '^/v[0-9]+/.*' } },
      ],
      filters: [
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Env', value: 'prod' }, { name: 'X-Forwarded-Team', value: 'shop' }], add: [{ name: 'X-Trace', value: 'on' }], remove: ['X-Debug'] } },
        { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000' }] } },
      ],
      backendRefs: [{ name: 'web', port: 80 }],
      timeouts: { request: '30s', backendRequest: '10s' },
    }]);
  });

  test('the route annotations are added to the app annotations', () => {
    expect(route.metadata.annotations).toEqual({ 'example.com/team': 'shop', 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' });
  });

  test('empty header modifiers emit no filter', () => {
    const plain = find(synth({ parentRefs: [gateway], requestHeaders: {}, responseHeaders: { set: {} } }).objects, 'HTTPRoute', 'web');
    expect(plain.spec.rules[0].filters).toBeUndefined();
  });

  test('snapshot', () => {
    expect(route).toMatchSnapshot();
  });
});

describe('apps with one Service expose it the same way', () => {
  test('ReplicaCanaryApp: the route goes to the Service that selects both tracks', () => {
    const chart = Testing.chart();
    const app = new ReplicaCanaryApp(chart, 'web', {
      name: 'web', stable: { image: 'ghcr.io/acme/web:1.0.0', replicas: 4 }, canary: { image: 'ghcr.io/acme/web:2.0.0', replicas: 1 }, route: { parentRefs: [gateway], hostnames: ['web.example.com'] },
    });
    const route = find(synthValid(chart), 'HTTPRoute', 'web');
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 80 }]);
    expect(route.spec.hostnames).toEqual(['web.example.com']);
    expect(app.route?.name).toBe('web');
  });
});
