import { Chart, Testing } from 'cdk8s';
import { CountOrPercent, DeploymentStrategy, EnvFrom, ImagePullPolicy, PathType, PodSpread, Probe, RollingApp, RollingAppProps, RolloutPlanKind } from '../../lib';
import { find, synthValid } from '../support/validate';

const MI = 2 ** 20;
const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };

function synth(props: Partial<RollingAppProps> = {}) {
  const chart = Testing.chart();
  const app = new RollingApp(chart, 'web', { ...base, ...props });
  return { app, objects: synthValid(chart) };
}

describe('defaults', () => {
  const { objects } = synth();
  const deployment = find(objects, 'Deployment', 'web');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('emits exactly a Deployment, a Service and a PDB', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Service/web', 'PodDisruptionBudget/web']);
  });

  test('the Deployment selects on the single label app.kubernetes.io/name, carried by the pods', () => {
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web' } });
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/version': '2.1.0' });
  });

  test('2 replicas, rolling update 25%/25%, progress deadline and history limit', () => {
    expect(deployment.spec).toMatchObject({
      replicas: 2, progressDeadlineSeconds: 600, revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    });
  });

  test('secure by default: non-root, RuntimeDefault seccomp, no escalation, drop ALL, read-only root with writable /tmp, no token', () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.volumeMounts).toEqual([{ name: 'writable-0', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'writable-0', emptyDir: {} }]);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('requests CPU and memory and limits memory', () => {
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
  });

  test('a TCP readiness probe on the named main port', () => {
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.readinessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 5 });
    expect(container.livenessProbe).toBeUndefined();
  });

  test('pods spread over hostnames', () => {
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }]);
  });

  test('the Service targets the named port of the selected pods', () => {
    expect(find(objects, 'Service', 'web').spec).toEqual({
      type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
  });

  test('the PDB allows one pod down and evicts unhealthy pods', () => {
    expect(find(objects, 'PodDisruptionBudget', 'web').spec).toEqual({
      maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
    });
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

test('the full example: Recreate strategy, probes, ingress, HPA, config files, env, security overrides', () => {
  const { app, objects } = synth({
    namespace: 'shop', strategy: DeploymentStrategy.recreate(), port: 9000, portName: 'web', servicePort: 8080,
    extraPorts: [{ name: 'metrics', port: 9090 }],
    readiness: Probe.http('/ready'), liveness: Probe.http('/live', { periodSeconds: 20 }), startup: Probe.exec(['cat', '/tmp/started'], { failureThreshold: 30 }),
    env: { B: '2', A: '1' }, envFrom: [EnvFrom.configMap('shared'), EnvFrom.secretKey('TOKEN', 'creds', 'token')],
    configFiles: { 'app.yaml': 'x: 1\n' }, configMountPath: '/config',
    autoscaling: { minReplicas: 3, maxReplicas: 6, memoryUtilization: 70 },
    ingress: { hosts: ['web.example.com'], className: 'nginx', tlsSecretName: 'web-tls', annotations: { 'a.example.com/x': 'y' } },
    security: { runAsUser: 10001, runAsGroup: 10001, writablePaths: ['/tmp', '/var/cache'] },
    imagePullSecrets: ['regcred'], imagePullPolicy: ImagePullPolicy.ALWAYS, serviceAccountName: 'web', spread: PodSpread.ANTI_AFFINITY,
    partOf: 'shop', labels: { team: 'checkout' }, podAnnotations: { 'prometheus.io/scrape': 'true' },
  });
  const deployment = find(objects, 'Deployment', 'web');
  expect(deployment.metadata.namespace).toBe('shop');
  expect(deployment.spec.replicas).toBeUndefined();
  expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
  const container = deployment.spec.template.spec.containers[0];
  expect(container.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }]);
  expect(container.envFrom).toEqual([{ configMapRef: { name: 'shared' } }]);
  expect(container.volumeMounts[0]).toEqual({ name: 'config', mountPath: '/config', readOnly: true });
  expect(deployment.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
  expect(find(objects, 'ConfigMap', 'web-config').data).toEqual({ 'app.yaml': 'x: 1\n' });
  expect(find(objects, 'HorizontalPodAutoscaler', 'web').spec).toEqual({
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 6,
    metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } }],
  });
  const ingress = find(objects, 'Ingress', 'web');
  expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'web', port: { number: 8080 } } });
  expect(ingress.spec.tls).toEqual([{ hosts: ['web.example.com'], secretName: 'web-tls' }]);
  expect(app.replicas).toBe(3);
  expect(objects).toMatchSnapshot();
});

test('a config file change changes the pod-template checksum (so pods roll); an identical one does not', () => {
  const sum = (content: string) => find(synth({ configFiles: { 'a.conf': content } }).objects, 'Deployment', 'web').spec.template.metadata.annotations['checksum/config'];
  expect(sum('one')).not.toBe(sum('two'));
  expect(sum('one')).toBe(sum('one'));
});

test('no PDB for a single replica unless asked; a PDB with minAvailable when asked', () => {
  expect(synth({ replicas: 1 }).objects.map(o => o.kind)).not.toContain('PodDisruptionBudget');
  expect(find(synth({ replicas: 1, disruptionBudget: { enabled: true } }).objects, 'PodDisruptionBudget', 'web').spec).toMatchObject({ maxUnavailable: 1 });
  const pdb = find(synth({ replicas: 2, disruptionBudget: { minAvailable: CountOrPercent.percent(50) } }).objects, 'PodDisruptionBudget', 'web');
  expect(pdb.spec).toMatchObject({ minAvailable: '50%' });
  expect(pdb.spec.maxUnavailable).toBeUndefined();
});

test.each([
  ['100% of 3', 3, CountOrPercent.percent(100), '100%'],
  ['5 of 2', 2, CountOrPercent.count(5), 5],
  ['50% of 1 (rounds up to 1)', 1, CountOrPercent.percent(50), '50%'],
])('a minAvailable that keeps every pod (%s) is refused: it blocks every node drain', (_, replicas, minAvailable, shown) => {
  expect(() => synth({ replicas, disruptionBudget: { enabled: true, minAvailable } }))
    .toThrow(`invalid 'disruptionBudget.minAvailable' (${JSON.stringify(shown)}): keeps all ${replicas} pod(s) of web available, which blocks every node drain`);
});

test('a probe port given as a number is emitted as a number (the API server reads a string as a port name)', () => {
  const c = find(synth({ extraPorts: [{ name: 'admin', port: 9090 }], liveness: Probe.http('/live', { port: '9090' }), readiness: Probe.tcp({ port: 'admin' }) }).objects, 'Deployment', 'web')
    .spec.template.spec.containers[0];
  expect(c.livenessProbe.httpGet.port).toBe(9090);
  expect(c.readinessProbe.tcpSocket.port).toBe('admin');
});

test('a raised memory limit admits a larger request; other resources keep their defaults', () => {
  const c = find(synth({ resources: { memoryRequest: '512Mi', memoryLimit: '1Gi' } }).objects, 'Deployment', 'web').spec.template.spec.containers[0];
  expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '1Gi' } });
});

test('an ImplementationSpecific path is passed through (the API server only checks that it is absolute)', () => {
  const ingress = find(synth({ ingress: { path: '/api//v[0-9]+', pathType: PathType.IMPLEMENTATION_SPECIFIC } }).objects, 'Ingress', 'web');
  expect(ingress.spec.rules[0].http.paths[0]).toMatchObject({ path: '/api//v[0-9]+', pathType: 'ImplementationSpecific' });
});

test('opting out of the security defaults is explicit and typed', () => {
  const pod = find(synth({ security: { readOnlyRootFilesystem: false, allowBindLowPorts: true } }).objects, 'Deployment', 'web').spec.template.spec;
  expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } });
  expect(pod.volumes).toBeUndefined();
});

test('image digests are accepted; the version label is only set from a tag', () => {
  const digest = `ghcr.io/acme/web@sha256:${'a'.repeat(64)}`;
  const d = find(synth({ image: digest }).objects, 'Deployment', 'web');
  expect(d.spec.template.spec.containers[0].image).toBe(digest);
  expect(d.spec.template.metadata.labels['app.kubernetes.io/version']).toBeUndefined();
  expect(find(synth({ image: `localhost:5000/web:1.2@sha256:${'b'.repeat(64)}` }).objects, 'Deployment', 'web').metadata.labels['app.kubernetes.io/version']).toBe('1.2');
});

describe('validation: each rule names the prop and the bad value', () => {
  const cases: Array<[string, Partial<RollingAppProps>, RegExp]> = [
    ['name is DNS-1035', { name: 'Web_1' }, /invalid 'name' \("Web_1"\): must be a DNS-1035 label/],
    ['name fits the -primary budget', { name: 'a'.repeat(56) }, /invalid 'name' \("a{56}"\): .*at most 55 characters/],
    ['image tag latest', { image: 'nginx:latest' }, /invalid 'image' \("nginx:latest"\): use a pinned image/],
    ['image untagged', { image: 'ghcr.io/acme/web' }, /invalid 'image' \("ghcr.io\/acme\/web"\)/],
    ['image registry port without tag', { image: 'localhost:5000/web' }, /invalid 'image' \("localhost:5000\/web"\)/],
    ['image malformed digest', { image: 'web@sha256:abc' }, /invalid 'image' \("web@sha256:abc"\)/],
    ['namespace', { namespace: 'Shop' }, /invalid 'namespace' \("Shop"\)/],
    ['replicas', { replicas: -1 }, /invalid 'replicas' \(-1\): must be an integer >= 0/],
    ['port', { port: 70000 }, /invalid 'port' \(70000\): must be an integer from 1 to 65535/],
    ['portName', { portName: 'web-interface-port' }, /invalid 'portName' \("web-interface-port"\): port names are at most 15/],
    ['servicePort', { servicePort: 0 }, /invalid 'servicePort' \(0\)/],
    ['extra port name unique', { extraPorts: [{ name: 'http', port: 9090 }] }, /invalid 'extraPorts\[0\].name' \("http"\): port names must be unique/],
    ['extra port number unique', { extraPorts: [{ name: 'metrics', port: 8080 }] }, /invalid 'extraPorts\[0\].port' \(8080\): port numbers must be unique/],
    ['probe port declared', { readiness: Probe.tcp({ port: 'admin' }) }, /invalid 'readiness.port' \("admin"\): probes must target a declared container port/],
    ['http probe path', { liveness: Probe.http('health') }, /invalid 'liveness.path' \("health"\): HTTP probe paths start with "\/"/],
    ['exec probe command', { startup: Probe.exec([]) }, /invalid 'startup.command' \(\[\]\): exec probes need a command/],
    ['probe period', { readiness: Probe.tcp({ periodSeconds: 0 }) }, /invalid 'readiness.periodSeconds' \(0\)/],
    ['resources quantity', { resources: { memoryLimit: '256MB' } }, /invalid 'resources.memoryLimit' \("256MB"\): must be a non-negative Kubernetes quantity/],
    ['resources are not negative', { resources: { cpuRequest: '-100m' } }, /invalid 'resources.cpuRequest' \("-100m"\): must be a non-negative Kubernetes quantity/],
    ['a request does not exceed its (default) limit', { resources: { memoryRequest: '512Mi' } }, /invalid 'resources.memoryRequest' \("512Mi"\): a request cannot exceed its limit \(resources.memoryLimit: 256Mi, the default\)/],
    ['probe timeout', { readiness: Probe.tcp({ timeoutSeconds: 0 }) }, /invalid 'readiness.timeoutSeconds' \(0\): must be an integer >= 1/],
    ['probe failure threshold', { liveness: Probe.tcp({ failureThreshold: 0 }) }, /invalid 'liveness.failureThreshold' \(0\): must be an integer >= 1/],
    ['probe initial delay', { startup: Probe.tcp({ initialDelaySeconds: -1 }) }, /invalid 'startup.initialDelaySeconds' \(-1\): must be an integer >= 0/],
    ['config mount path', { configMountPath: 'etc/web' }, /invalid 'configMountPath' \("etc\/web"\): must be an absolute path/],
    ['writable path', { security: { writablePaths: ['tmp'] } }, /invalid 'security.writablePaths\[0\]' \("tmp"\)/],
    ['writable paths are unique', { security: { writablePaths: ['/tmp', '/cache', '/tmp'] } }, /invalid 'security.writablePaths\[2\]' \("\/tmp"\): paths must be unique/],
    ['config files are not mounted on a writable path', { configFiles: { 'a.conf': 'x' }, configMountPath: '/tmp' }, /invalid 'security.writablePaths\[0\]' \("\/tmp"\): the config files are mounted there/],
    ['root user', { security: { runAsUser: 0 } }, /invalid 'security.runAsUser' \(0\): user 0 is root/],
    ['user and group ids are what the API server accepts', { security: { runAsGroup: -1 } }, /invalid 'security.runAsGroup' \(-1\): must be an integer from 0 to 2147483647/],
    ['config file name', { configFiles: { 'a/b.conf': 'x' } }, /invalid 'configFiles' \("a\/b.conf"\)/],
    ['config file names do not start with ".." (reserved by the kubelet)', { configFiles: { '..data': 'x' } }, /invalid 'configFiles' \("..data"\): keys are .* not "." nor start with ".."/],
    ['config files fit in one ConfigMap', { configFiles: { 'a.bin': 'x'.repeat(1024 * 1024) } }, /invalid 'configFiles' \(\["a.bin"\]\): the files add up to 1048581 bytes; a ConfigMap holds at most 1 MiB/],
    ['env name', { env: { '1BAD': 'x' } }, /invalid 'env' \("1BAD"\)/],
    ['label value', { labels: { team: 'a b' } }, /invalid 'labels.team' \("a b"\)/],
    ['label key with one prefix only', { labels: { 'example.com/team/name': 'x' } }, /invalid 'labels.example.com\/team\/name' \("example.com\/team\/name"\): label keys are/],
    ['selector label reserved', { labels: { 'app.kubernetes.io/name': 'other' } }, /invalid 'labels.app.kubernetes.io\/name' \("other"\): this label is the selector label/],
    ['annotation key', { annotations: { 'bad key': 'x' } }, /invalid 'annotations.bad key' \("bad key"\)/],
    ['annotation key prefix', { annotations: { [`${'a'.repeat(254)}/x`]: 'y' } }, /invalid 'annotations.a{254}\/x' \("a{254}\/x"\): annotation keys are/],
    ['partOf', { partOf: '-shop' }, /invalid 'partOf' \("-shop"\)/],
    ['grace period', { terminationGracePeriodSeconds: -5 }, /invalid 'terminationGracePeriodSeconds' \(-5\)/],
    ['pull secret', { imagePullSecrets: ['Reg_Cred'] }, /invalid 'imagePullSecrets\[0\]' \("Reg_Cred"\)/],
    ['service account', { serviceAccountName: 'Web' }, /invalid 'serviceAccountName' \("Web"\)/],
    ['envFrom name', { envFrom: [EnvFrom.secret('Bad')] }, /invalid 'envFrom\[0\].name' \("Bad"\)/],
    ['envFrom variable name', { envFrom: [EnvFrom.configMapKey('1MODE', 'shared', 'mode')] }, /invalid 'envFrom\[0\].variable' \("1MODE"\): variable names are/],
    ['envFrom key', { envFrom: [EnvFrom.secretKey('TOKEN', 'creds', 'api/token')] }, /invalid 'envFrom\[0\].key' \("api\/token"\): keys are/],
    ['autoscaling min', { autoscaling: { minReplicas: 0, maxReplicas: 3 } }, /invalid 'autoscaling.minReplicas' \(0\)/],
    ['autoscaling max < min', { autoscaling: { minReplicas: 4, maxReplicas: 3 } }, /invalid 'autoscaling.maxReplicas' \(3\): must be >= autoscaling.minReplicas \(4\)/],
    ['autoscaling utilization', { autoscaling: { maxReplicas: 3, cpuUtilization: 0 } }, /invalid 'autoscaling.cpuUtilization' \(0\)/],
    ['autoscaling memory utilization', { autoscaling: { maxReplicas: 3, memoryUtilization: 1001 } }, /invalid 'autoscaling.memoryUtilization' \(1001\): must be an integer from 1 to 1000/],
    ['pdb both bounds', { disruptionBudget: { minAvailable: CountOrPercent.count(1), maxUnavailable: CountOrPercent.count(1) } }, /invalid 'disruptionBudget' \(\{"minAvailable":1,"maxUnavailable":1\}\): set minAvailable or maxUnavailable, not both/],
    ['pdb zero', { disruptionBudget: { maxUnavailable: CountOrPercent.count(0) } }, /invalid 'disruptionBudget.maxUnavailable' \(0\): a budget of 0 blocks every node drain/],
    ['pdb percent', { disruptionBudget: { minAvailable: CountOrPercent.percent(150) } }, /invalid 'disruptionBudget.minAvailable' \(150\): must be an integer from 0 to 100/],
    ['ingress host', { ingress: { hosts: ['Web.example.com'] } }, /invalid 'ingress.hosts\[0\]' \("Web.example.com"\)/],
    ['ingress host is not an IP address', { ingress: { hosts: ['10.0.0.1'] } }, /invalid 'ingress.hosts\[0\]' \("10.0.0.1"\): .*not IP addresses/],
    ['ingress host labels are at most 63 characters', { ingress: { hosts: [`${'a'.repeat(64)}.example.com`] } }, /invalid 'ingress.hosts\[0\]' \("a{64}.example.com"\): hosts are DNS names \(labels of at most 63/],
    ['ingress path', { ingress: { path: 'api' } }, /invalid 'ingress.path' \("api"\)/],
    ['ingress Prefix path sequences', { ingress: { path: '/api//v1' } }, /invalid 'ingress.path' \("\/api\/\/v1"\): .*Exact and Prefix paths must not contain "\/\/"/],
    ['ingress tls secret', { ingress: { tlsSecretName: 'TLS' } }, /invalid 'ingress.tlsSecretName' \("TLS"\)/],
    ['ingress class', { ingress: { className: 'Nginx' } }, /invalid 'ingress.className' \("Nginx"\)/],
    ['maxSurge percent range', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: CountOrPercent.percent(120) }) }, /invalid 'strategy.maxSurge' \(120\)/],
    ['maxUnavailable negative', { strategy: DeploymentStrategy.rollingUpdate({ maxUnavailable: CountOrPercent.count(-1) }) }, /invalid 'strategy.maxUnavailable' \(-1\)/],
    ['both zero', { strategy: DeploymentStrategy.rollingUpdate({ maxSurge: CountOrPercent.count(0), maxUnavailable: CountOrPercent.count(0) }) }, /invalid 'strategy' \(\{"maxSurge":0,"maxUnavailable":0\}\): 'maxSurge' and 'maxUnavailable' cannot both be zero/],
    ['both round to zero', { replicas: 2, strategy: DeploymentStrategy.rollingUpdate({ maxSurge: CountOrPercent.count(0), maxUnavailable: CountOrPercent.percent(10) }) }, /invalid 'strategy' \(\{"maxSurge":0,"maxUnavailable":"10%","replicas":2\}\): with these replicas/],
    ['minReadySeconds', { minReadySeconds: -1 }, /invalid 'minReadySeconds' \(-1\)/],
    ['progressDeadlineSeconds', { progressDeadlineSeconds: 0 }, /invalid 'progressDeadlineSeconds' \(0\)/],
    ['deadline after minReady', { minReadySeconds: 60, progressDeadlineSeconds: 30 }, /invalid 'progressDeadlineSeconds' \(30\): must be greater than minReadySeconds \(60\)/],
    ['minReady under the default deadline', { minReadySeconds: 600 }, /invalid 'minReadySeconds' \(600\): must be less than progressDeadlineSeconds \(600, the default\)/],
    ['revisionHistoryLimit', { revisionHistoryLimit: -1 }, /invalid 'revisionHistoryLimit' \(-1\)/],
  ];
  test.each(cases)('%s', (_rule, props, message) => {
    expect(() => new RollingApp(Testing.chart(), 'web', { ...base, ...props })).toThrow(message);
  });

  test('messages start with the construct path', () => {
    expect(() => new RollingApp(Testing.chart(), 'web', { ...base, image: 'nginx:latest' })).toThrow(/^test\/web: /);
  });
});

describe('RollingApp.plan', () => {
  function app(props: Partial<ConstructorParameters<typeof RollingApp>[2]> = {}, namespace?: string) {
    const chart = new Chart(Testing.app(), 'chart', { namespace });
    const rolling = new RollingApp(chart, 'web', { name: 'web', image: 'ghcr.io/acme/web:2.1.0', ...props });
    synthValid(chart);
    return rolling;
  }

  test('defaults: a rolling update of 2 replicas at 25%/25%, in the chart\'s namespace', () => {
    const plan = app({}, 'shop').plan;
    expect([plan.kind, plan.steadyPods, plan.peakPods, plan.minAvailablePods, plan.waves, plan.progressDeadlineSeconds, plan.namespace])
      .toEqual([RolloutPlanKind.ROLLING_UPDATE, 2, 3, 2, 2, 600, 'shop']);
    expect(plan.watchCommands).toContain('kubectl -n shop rollout status deployment/web --timeout=600s');
  });

  test('the example\'s settings: 3 replicas, surge 1, unavailable 1, 200m/256Mi, minReadySeconds 5', () => {
    const plan = app({
      replicas: 3, minReadySeconds: 5, progressDeadlineSeconds: 120,
      strategy: DeploymentStrategy.rollingUpdate({ maxSurge: CountOrPercent.count(1), maxUnavailable: CountOrPercent.count(1) }),
      resources: { cpuRequest: '200m', memoryRequest: '256Mi' },
    }).plan;
    expect([plan.peakPods, plan.minAvailablePods, plan.waves, plan.minTimeToPromoteSeconds, plan.progressDeadlineSeconds]).toEqual([4, 2, 2, 10, 120]);
    expect([plan.steadyCpuMillis, plan.peakCpuMillis, plan.steadyMemoryBytes, plan.peakMemoryBytes]).toEqual([600, 800, 768 * MI, 1024 * MI]);
  });

  test('Recreate gives a recreate plan', () => {
    const plan = app({ namespace: 'jobs', strategy: DeploymentStrategy.recreate(), replicas: 4 }).plan;
    expect([plan.kind, plan.peakPods, plan.minAvailablePods, plan.namespace]).toEqual([RolloutPlanKind.RECREATE, 4, 0, 'jobs']);
  });

  test('autoscaled: pods at the HPA minimum, the maximum noted', () => {
    const plan = app({ autoscaling: { minReplicas: 4, maxReplicas: 12 } }).plan;
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods, plan.maxReplicas]).toEqual([4, 5, 3, 12]);
    expect(plan.notes.join('\n')).toContain('at its minimum (4); under load each Deployment it scales may grow to 12');
  });
});
