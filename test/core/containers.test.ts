import { Testing } from 'cdk8s';
import { AppContainerProps, EnvFrom, ImagePullPolicy, PreStop, Probe, RollingApp, RollingAppProps } from '../../lib';
import { expectPropError } from '../support/errors';
import { schemaErrors } from '../support/schema';
import { shopChart, STRATEGIES } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };
const proxy: AppContainerProps = {
  name: 'proxy',
  image: 'ghcr.io/acme/proxy:1.0.0',
  args: ['--listen=:9901'],
  ports: [{ name: 'proxy-admin', port: 9901 }],
  readiness: Probe.http('/ready'),
  env: { B: '2', A: '1' },
  envFrom: [EnvFrom.secret('proxy-token')],
  resources: { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '128Mi' },
  preStop: PreStop.sleep(5),
};
const migrate: AppContainerProps = { name: 'migrate', image: 'ghcr.io/acme/web:2.1.0', args: ['migrate'] };

/** The pod spec of a RollingApp; opted-out pods leave PSS restricted, so only the schema is checked then. */
function pod(props: Partial<RollingAppProps>, restricted = true) {
  const chart = Testing.chart();
  new RollingApp(chart, 'web', { ...base, ...props });
  const objects = restricted ? synthValid(chart) : Testing.synth(chart);
  if (!restricted) expect(objects.flatMap(schemaErrors)).toEqual([]);
  return find(objects, 'Deployment', 'web').spec.template.spec;
}

describe('a sidecar and an init container', () => {
  const spec = pod({ sidecars: [proxy], initContainers: [migrate], imagePullPolicy: ImagePullPolicy.ALWAYS });
  const [main, sidecar] = spec.containers;
  const init = spec.initContainers[0];

  test('the sidecar runs beside the main container, the init container before both', () => {
    expect(spec.containers.map((c: any) => c.name)).toEqual(['web', 'proxy']);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['migrate']);
    expect(init.restartPolicy).toBeUndefined();
  });

  test('each gets the secure defaults of the main container and a writable /tmp of its own', () => {
    for (const c of [sidecar, init]) {
      expect(c.securityContext).toEqual(main.securityContext);
      expect(c.volumeMounts).toEqual([{ name: `${c.name}-writable-0`, mountPath: '/tmp' }]);
    }
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['writable-0', 'proxy-writable-0', 'migrate-writable-0']);
  });

  test('the sidecar has its ports, probe on its first port, env in code-point order, resources, preStop and the app\'s pull policy', () => {
    expect(sidecar).toMatchObject({
      ports: [{ name: 'proxy-admin', containerPort: 9901, protocol: 'TCP' }],
      readinessProbe: { httpGet: { path: '/ready', port: 'proxy-admin' } },
      env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
      envFrom: [{ secretRef: { name: 'proxy-token' } }],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
      imagePullPolicy: 'Always',
    });
  });

  test('an init container has the default resources and no ports or probes', () => {
    expect(init.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    expect(init.ports).toBeUndefined();
    expect(init.readinessProbe).toBeUndefined();
  });
});

describe('opt-outs', () => {
  test('a sidecar takes the main container\'s opt-outs: its own user, no read-only root, capabilities kept', () => {
    const spec = pod({ sidecars: [{ ...proxy, security: { runAsUser: 65532, runAsGroup: 65532, readOnlyRootFilesystem: false, dropAllCapabilities: false, allowBindLowPorts: true } }] }, false);
    expect(spec.containers[1].securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, capabilities: { add: ['NET_BIND_SERVICE'] }, runAsUser: 65532, runAsGroup: 65532 });
    expect(spec.containers[1].volumeMounts).toBeUndefined();
  });

  test('a root sidecar must say runAsNonRoot: false, which is set on it only', () => {
    const spec = pod({ sidecars: [{ ...proxy, security: { runAsUser: 0, runAsNonRoot: false } }] }, false);
    expect(spec.containers[1].securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    expect(spec.securityContext.runAsNonRoot).toBe(true);
  });
});

describe('a native sidecar', () => {
  const spec = pod({ sidecars: [{ ...proxy, native: true }], initContainers: [migrate] });

  test('is the first init container, with restartPolicy Always and its probe and preStop', () => {
    expect(spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['proxy', 'Always'], ['migrate', undefined]]);
    expect(spec.initContainers[0]).toMatchObject({ readinessProbe: { httpGet: { port: 'proxy-admin' } }, lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } });
    expect(spec.containers.map((c: any) => c.name)).toEqual(['web']);
  });
});

test.each(STRATEGIES)('%s: native sidecars put a note in the plan (Kubernetes 1.28 runs them only behind the SidecarContainers gate)', (_strategy, make) => {
  const note = (sidecars: AppContainerProps[]) => make(shopChart(), { sidecars }).plan.notes.filter(n => n.includes('SidecarContainers'));
  expect(note([{ ...proxy, envFrom: undefined, native: true }])).toEqual([
    'Native sidecar proxy: Kubernetes 1.28 runs native sidecars only with the SidecarContainers feature gate on (alpha there, off by default; on by default from 1.29). '
    + 'Without it the API server drops their `restartPolicy: Always`, so each becomes an init container that never ends and the new pods never start: '
    + 'turn the gate on (API server and kubelets) or run the cluster on 1.29 or later before this rollout.',
  ]);
  expect(note([{ ...proxy, envFrom: undefined }])).toEqual([]);
});

test.each(STRATEGIES)('%s: every pod template (Deployments, Rollouts) gets the sidecar and the init container', (_strategy, make) => {
  const chart = shopChart();
  make(chart, { sidecars: [{ ...proxy, envFrom: undefined }], initContainers: [migrate] });
  const workloads = synthValid(chart).filter(o => (o.kind === 'Deployment' || o.kind === 'Rollout') && o.metadata.name.startsWith('web'));
  expect(workloads.length).toBeGreaterThan(0);
  for (const d of workloads) {
    expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web', 'proxy']);
    expect(d.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['migrate']);
  }
});

describe('validation', () => {
  const make = (props: Partial<RollingAppProps>) => () => new RollingApp(Testing.chart(), 'web', { ...base, ...props });
  const sidecar = (extra: Partial<AppContainerProps>) => make({ sidecars: [{ ...proxy, ...extra }] });
  const init = (extra: Partial<AppContainerProps>) => make({ initContainers: [{ ...migrate, ...extra }] });
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['names are at most 50 characters', sidecar({ name: 'p'.repeat(51) }), 'sidecars[0].name', 'p'.repeat(51), 'at most 50 characters (its writable volumes are named "<name>-writable-<n>")'],
    ['names are DNS labels', sidecar({ name: 'Proxy' }), 'sidecars[0].name', 'Proxy', 'must be a DNS-1123 label'],
    ['names are unique in the pod', make({ sidecars: [proxy], initContainers: [{ ...migrate, name: 'proxy' }] }), 'initContainers[0].name', 'proxy', 'container names must be unique in the pod'],
    ['the main container\'s name is taken', sidecar({ name: 'web' }), 'sidecars[0].name', 'web', 'container names must be unique in the pod (the main container is named after the app)'],
    ['images are pinned', sidecar({ image: 'ghcr.io/acme/proxy:latest' }), 'sidecars[0].image', 'ghcr.io/acme/proxy:latest', 'use a pinned image'],
    ['port names are port names', sidecar({ ports: [{ name: 'Admin', port: 9901 }] }), 'sidecars[0].ports[0].name', 'Admin', 'port names are at most 15'],
    ['port names are unique in the pod', sidecar({ ports: [{ name: 'http', port: 9901 }] }), 'sidecars[0].ports[0].name', 'http', 'port names must be unique in the pod'],
    ['port numbers are unique in the pod', sidecar({ ports: [{ name: 'admin', port: 8080 }] }), 'sidecars[0].ports[0].port', 8080, 'port numbers must be unique in the pod (its containers share one network namespace)'],
    ['probes target the container\'s own ports', sidecar({ readiness: Probe.tcp({ port: 'http' }) }), 'sidecars[0].readiness.port', 'http', 'probes must target a declared container port: proxy-admin'],
    ['a probe needs a port to default to', sidecar({ ports: [], readiness: Probe.http('/ready') }), 'sidecars[0].readiness.port', undefined, 'probes must target a declared container port: (none declared)'],
    ['requests fit in the limits', sidecar({ resources: { memoryRequest: '512Mi' } }), 'sidecars[0].resources.memoryRequest', '512Mi', 'a request cannot exceed its limit (sidecars[0].resources.memoryLimit: 256Mi, the default)'],
    ['fsGroup is the pod\'s', sidecar({ security: { fsGroup: 2000 } }), 'sidecars[0].security.fsGroup', 2000, 'fsGroup applies to the whole pod: set it in the app\'s security'],
    ['the seccomp profile is the pod\'s', sidecar({ security: { seccompRuntimeDefault: false } }), 'sidecars[0].security.seccompRuntimeDefault', false, 'applies to the whole pod'],
    ['root needs runAsNonRoot: false', sidecar({ security: { runAsUser: 0 } }), 'sidecars[0].security.runAsUser', 0, 'user 0 is root'],
    ['writable paths are absolute', sidecar({ security: { writablePaths: ['tmp'] } }), 'sidecars[0].security.writablePaths[0]', 'tmp', 'must be an absolute path'],
    ['env names are variable names', sidecar({ env: { '1X': 'a' } }), 'sidecars[0].env', '1X', 'variable names are'],
    ['envFrom names are object names', sidecar({ envFrom: [EnvFrom.configMap('Bad_Name')] }), 'sidecars[0].envFrom[0].name', 'Bad_Name', 'DNS-1123 subdomain'],
    ['init containers are not native', init({ native: true }), 'initContainers[0].native', true, 'init containers run to completion; for a container that starts first and keeps running, use a sidecar with native: true'],
    ['init containers take no probes', init({ readiness: Probe.tcp() }), 'initContainers[0].readiness', 'tcp', 'init containers run to completion and take no probes nor preStop hook'],
    ['init containers take no preStop', init({ preStop: PreStop.sleep(1) }), 'initContainers[0].preStop', 'sleep', 'init containers run to completion and take no probes nor preStop hook'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });
});
