// The checks the other tests rely on must be able to fail.
import { admits, scrapesOf, selects } from './policy';
import { pssViolations } from './pss';
import { routeWiringProblems } from './route-wiring';
import { schemaErrors } from './schema';

const deployment = (spec: any) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec });
const template = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i:1' }] } };

test('schema validation rejects unknown fields (strict mode)', () => {
  expect(schemaErrors(deployment({ selector: { matchLabels: { a: 'b' } }, template, replica: 2 })).join()).toMatch(/must NOT have additional properties.*"replica"/);
});

test('schema validation rejects missing required fields and wrong types', () => {
  expect(schemaErrors(deployment({ template })).join()).toMatch(/required property 'selector'/);
  expect(schemaErrors(deployment({ selector: {}, template, replicas: '2' })).join()).toMatch(/\/spec\/replicas must be integer/);
});

test('schema validation rejects kinds it has no schema for', () => {
  expect(schemaErrors({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }).join()).toContain('Widget /x: / no schema for example.com/v1/Widget');
});

test("schema validation applies the CRDs' oneOf rules (Flagger analysis modes, AlertProvider address/secretRef)", () => {
  const canary = { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name: 'x' }, spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' }, service: { port: 80 }, analysis: { interval: '1m', threshold: 5, stepWeight: 10, iterations: 3 } } };
  expect(schemaErrors(canary).join()).toMatch(/must match exactly one schema in oneOf/);
  const alert = { apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider', metadata: { name: 'x' }, spec: { type: 'slack', address: 'https://x', secretRef: { name: 's' } } };
  expect(schemaErrors(alert).join()).toMatch(/oneOf/);
});

test('schema validation rejects unknown fields in custom resources and in their metadata', () => {
  const k = { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'x', label: {} }, spec: { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: 's' }, pruneAll: true } };
  const errors = schemaErrors(k).join();
  expect(errors).toMatch(/"pruneAll"/);
  expect(errors).toMatch(/"label"/);
});

test('the PSS checker flags each restricted control', () => {
  const violations = pssViolations({
    hostNetwork: true,
    volumes: [{ name: 'h', hostPath: { path: '/' } }],
    containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] }, runAsUser: 0 } }],
  });
  for (const expected of ['shares a host namespace', 'is a hostPath', 'is privileged', 'allowPrivilegeEscalation', 'may run as root', 'runs as user 0', 'seccomp', 'must drop ALL', 'adds SYS_ADMIN', 'hostPort 80']) {
    expect(violations.join('\n')).toContain(expected);
  }
});

test('the PSS checker accepts a compliant pod', () => {
  expect(pssViolations({
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }],
    volumes: [{ name: 't', emptyDir: {} }],
  })).toEqual([]);
});

test('schema validation applies the Gateway API HTTPRoute limits (weights up to 1,000,000)', () => {
  const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'x' }, spec: { rules: [{ backendRefs: [{ name: 's', port: 80, weight: 1000001 }] }] } };
  expect(schemaErrors(route).join()).toMatch(/weight must be <= 1000000/);
});

describe('the HTTPRoute wiring checker', () => {
  const service = { kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } };
  const canary = { kind: 'Canary', metadata: { name: 'api' }, spec: { targetRef: { name: 'api' }, service: { port: 8080 } } };
  const route = (name: string, spec: any) => ({ kind: 'HTTPRoute', metadata: { name }, spec: { parentRefs: [{ name: 'gw' }], ...spec } });
  const to = (...backendRefs: any[]) => ({ rules: [{ backendRefs }] });

  test('accepts routes to Services of the folder and to the ones Flagger creates', () => {
    expect(routeWiringProblems([service, canary, route('web', to({ name: 'web', port: 80 })), route('api-x', to({ name: 'api-canary', port: 8080 }))])).toEqual([]);
  });

  test.each([
    ['no parentRefs', route('web', { ...to({ name: 'web', port: 80 }), parentRefs: [] }), 'no parentRefs'],
    ['an unknown Service', route('web', to({ name: 'other', port: 80 })), 'backend other is no Service of the folder'],
    ['a port the Service does not serve', route('web', to({ name: 'web', port: 8080 })), 'backend web port 8080 is not served (80)'],
    ['weights that add up to 0', route('web', to({ name: 'web', port: 80, weight: 0 })), 'weights add up to 0'],
    ['the name of the HTTPRoute Flagger generates', route('api', to({ name: 'api', port: 8080 })), 'Flagger creates the HTTPRoute'],
  ])('flags %s', (_what, bad, message) => {
    expect(routeWiringProblems([service, canary, bad]).join()).toContain(message);
  });
});

test('the policy helpers find what a NetworkPolicy or a monitor misses', () => {
  expect(selects({ matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] }, { app: 'b' })).toBe(false);
  expect(selects(undefined, { app: 'a' })).toBe(false);
  const policy = { spec: { ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } }], ports: [{ port: 'http' }] }] } };
  expect(admits(policy, 'shop', { namespace: 'edge' }, 'metrics')).toBe(false);
  expect(admits(policy, 'shop', { namespace: 'shop' }, 'http')).toBe(false);
  const pods = { kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, template: { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ name: 'web', ports: [{ name: 'http' }] }] } } } };
  const service = (name: string) => ({ kind: 'Service', metadata: { name, labels: { 'app.kubernetes.io/name': 'web' } }, spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'http' }] } });
  const monitor = { kind: 'ServiceMonitor', spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, endpoints: [{ port: 'http' }] } };
  expect([...scrapesOf([pods, service('web'), service('web-2')], monitor).values()]).toEqual([2]);
});
