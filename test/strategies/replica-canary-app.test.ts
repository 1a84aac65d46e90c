import { Testing } from 'cdk8s';
import { replicaCanaryExample } from '../../examples/replica-canary-app';
import { AppVersionProps, GitOpsLayout, ReplicaCanaryApp, ReplicaCanaryAppProps, RolloutPlanKind } from '../../lib';
import { find, synthValid } from '../support/validate';
import { renderedWatchCommands } from '../support/plans';

const stable: AppVersionProps = { image: 'ghcr.io/acme/web:1.0.0', replicas: 4, configFiles: { 'index.html': '<h1>v1</h1>\n' } };
const canary: AppVersionProps = { image: 'ghcr.io/acme/web:2.0.0', replicas: 1, configFiles: { 'index.html': '<h1>v2</h1>\n' } };
const base: ReplicaCanaryAppProps = { name: 'web', stable };

function synth(props: Partial<ReplicaCanaryAppProps> = {}) {
  const chart = Testing.chart();
  const app = new ReplicaCanaryApp(chart, 'web', { ...base, ...props });
  return { app, objects: synthValid(chart) };
}

const ids = (objects: any[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);
const NAME = 'app.kubernetes.io/name';
const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('stable only', () => {
  const { app, objects } = synth();

  test('emits the stable ConfigMap, Deployment and PDB and the Service', () => {
    expect(ids(objects).sort()).toEqual(['ConfigMap/web-config', 'Deployment/web', 'PodDisruptionBudget/web', 'Service/web']);
  });

  test('the Deployment selects name + track: stable; the Service selects only the name', () => {
    expect(find(objects, 'Deployment', 'web').spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track: 'stable' } });
    expect(find(objects, 'Service', 'web').spec.selector).toEqual({ [NAME]: 'web' });
  });

  test('no canary, no canary traffic', () => {
    expect(app.canaryDeployment).toBeUndefined();
    expect(app.canaryConfigMap).toBeUndefined();
    expect(app.canaryDisruptionBudget).toBeUndefined();
    expect([app.stableReplicas, app.canaryReplicas, app.trafficShare]).toEqual([4, 0, 0]);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('a 4:1 canary', () => {
  const { app, objects } = synth({ canary, ingress: { className: 'nginx', hosts: ['web.example.com'] } });

  test('emits a canary ConfigMap and Deployment beside the stable ones, behind the one Service and Ingress', () => {
    expect(ids(objects).sort()).toEqual([
      'ConfigMap/web-canary-config', 'ConfigMap/web-config', 'Deployment/web', 'Deployment/web-canary', 'Ingress/web', 'PodDisruptionBudget/web', 'Service/web',
    ]);
    expect(find(objects, 'Ingress', 'web').spec.rules[0].http.paths[0].backend.service.name).toBe('web');
  });

  test('each Deployment selects name + its track (one extra selector label), and the Service selects the pods of both', () => {
    const service = find(objects, 'Service', 'web').spec.selector;
    for (const [name, track] of [['web', 'stable'], ['web-canary', 'canary']]) {
      const deployment = find(objects, 'Deployment', name);
      expect(deployment.spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track } });
      expect(deployment.spec.template.metadata.labels).toMatchObject({ [NAME]: 'web', track });
      expect(selects(service, deployment.spec.template.metadata.labels)).toBe(true);
    }
  });

  test('the replicas are 4 and 1, so the canary gets 20% of the requests', () => {
    expect(find(objects, 'Deployment', 'web').spec.replicas).toBe(4);
    expect(find(objects, 'Deployment', 'web-canary').spec.replicas).toBe(1);
    expect([app.stableReplicas, app.canaryReplicas]).toEqual([4, 1]);
    expect(app.trafficShare).toBeCloseTo(0.2);
  });

  test('each version has its own ConfigMap content, mounted by its own Deployment', () => {
    expect(find(objects, 'ConfigMap', 'web-config').data).toEqual({ 'index.html': '<h1>v1</h1>\n' });
    expect(find(objects, 'ConfigMap', 'web-canary-config').data).toEqual({ 'index.html': '<h1>v2</h1>\n' });
    expect(find(objects, 'Deployment', 'web').spec.template.spec.volumes[0]).toEqual({ name: 'config', configMap: { name: 'web-config' } });
    expect(find(objects, 'Deployment', 'web-canary').spec.template.spec.volumes[0]).toEqual({ name: 'config', configMap: { name: 'web-canary-config' } });
    expect(find(objects, 'Deployment', 'web-canary').spec.template.spec.containers[0].image).toBe('ghcr.io/acme/web:2.0.0');
  });

  test('the stable PDB covers only stable pods; one canary pod gets no PDB', () => {
    expect(find(objects, 'PodDisruptionBudget', 'web').spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track: 'stable' } });
    expect(app.canaryDisruptionBudget).toBeUndefined();
  });

  test('adding or aborting the canary leaves every stable object as it was', () => {
    const { objects: without } = synth({ ingress: { className: 'nginx', hosts: ['web.example.com'] } });
    for (const o of without) expect(find(objects, o.kind, o.metadata.name)).toEqual(o);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

test.each([
  [4, 1, 0.2],
  [3, 1, 0.25],
  [1, 1, 0.5],
  [9, 1, 0.1],
  [2, 0, 0],
])('traffic share: %i stable and %i canary pods give %d', (stableReplicas, canaryReplicas, share) => {
  const { app } = synth({ stable: { ...stable, replicas: stableReplicas }, canary: { ...canary, replicas: canaryReplicas } });
  expect(app.trafficShare).toBeCloseTo(share);
});

test('promote: the canary version in stable and no canary gives a plain stable track running it', () => {
  const { app, objects } = synth({ stable: { ...canary, replicas: 4 } });
  expect(ids(objects).sort()).toEqual(['ConfigMap/web-config', 'Deployment/web', 'PodDisruptionBudget/web', 'Service/web']);
  expect(find(objects, 'Deployment', 'web').spec.template.spec.containers[0].image).toBe('ghcr.io/acme/web:2.0.0');
  expect(find(objects, 'ConfigMap', 'web-config').data).toEqual({ 'index.html': '<h1>v2</h1>\n' });
  expect(app.trafficShare).toBe(0);
});

describe('autoscaled', () => {
  const { app, objects } = synth({ canary: { ...canary, replicas: 2 }, autoscaling: { minReplicas: 6, maxReplicas: 12 } });

  test('the HPA scales the stable track only; the canary keeps its fixed replicas', () => {
    expect(objects.filter(o => o.kind === 'HorizontalPodAutoscaler').map(o => o.spec.scaleTargetRef.name)).toEqual(['web']);
    expect(find(objects, 'Deployment', 'web').spec.replicas).toBeUndefined();
    expect(find(objects, 'Deployment', 'web-canary').spec.replicas).toBe(2);
    expect(app.autoscaler?.name).toBe('web');
  });

  test('the traffic share is taken at the HPA minimum (the highest share)', () => {
    expect([app.stableReplicas, app.canaryReplicas]).toEqual([6, 2]);
    expect(app.trafficShare).toBeCloseTo(0.25);
  });

  test('each track has its own PDB', () => {
    expect(find(objects, 'PodDisruptionBudget', 'web').spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track: 'stable' } });
    expect(find(objects, 'PodDisruptionBudget', 'web-canary').spec.selector).toEqual({ matchLabels: { [NAME]: 'web', track: 'canary' } });
    expect(app.canaryDisruptionBudget?.name).toBe('web-canary');
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('validation', () => {
  const cases: Array<[string, Partial<ReplicaCanaryAppProps>, RegExp]> = [
    ['stable is required', { stable: undefined }, /invalid 'stable' \(undefined\): a version \(image and optional replicas, env, config files\) is required/],
    ['the canary version is checked under its prop path', { canary: { image: 'ghcr.io/acme/web:latest' } }, /invalid 'canary.image' \("ghcr.io\/acme\/web:latest"\)/],
    ['canary replicas are checked even when the stable track autoscales', { autoscaling: { maxReplicas: 4 }, canary: { ...canary, replicas: -1 } }, /invalid 'canary.replicas' \(-1\): must be an integer >= 0/],
  ];
  test.each(cases)('%s', (_rule, props, message) => {
    expect(() => new ReplicaCanaryApp(Testing.chart(), 'web', { ...base, ...props } as ReplicaCanaryAppProps)).toThrow(message);
  });
});

describe('the example', () => {
  const env = new GitOpsLayout({ outdir: 'unused' }).addEnvironment('demo');
  const app = replicaCanaryExample(env);
  const objects = synthValid(env.apps[0]);

  test('nginx 1.16 stable x4 and 1.17 canary x1 with their own index.html: 20% canary traffic', () => {
    expect(app.trafficShare).toBeCloseTo(0.2);
    expect(find(objects, 'Deployment', 'nginx-ratio').spec.template.spec.containers[0].image).toBe('nginxinc/nginx-unprivileged:1.16-alpine');
    expect(find(objects, 'Deployment', 'nginx-ratio-canary').spec.template.spec.containers[0].image).toBe('nginxinc/nginx-unprivileged:1.17-alpine');
    expect(find(objects, 'ConfigMap', 'nginx-ratio-config').data['index.html']).toContain('1.16 (stable)');
    expect(find(objects, 'ConfigMap', 'nginx-ratio-canary-config').data['index.html']).toContain('1.17 (canary)');
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('rollout plan', () => {
  test('4:1 gives the canary a 20% share of the requests, 5 pods at the peak and 4 between releases', () => {
    const plan = synth({ canary }).app.plan;
    expect(plan.kind).toBe(RolloutPlanKind.REPLICA_CANARY);
    expect(plan.steps.map(s => [s.name, s.trafficPercent, s.newPods, s.oldPods])).toEqual([['1 canary pod(s)', 20, 1, 4], ['promote', 100, 4, 0]]);
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([4, 5, 4]);
    expect(plan.watchCommands).toContain('kubectl get deployment web web-canary -w');
  });

  test('3:2 gives 40%, with the per-pod requests of the app', () => {
    const plan = synth({ stable: { ...stable, replicas: 3 }, canary: { ...canary, replicas: 2 }, resources: { cpuRequest: '500m' } }).app.plan;
    expect(plan.steps[0].trafficPercent).toBe(40);
    expect([plan.peakPods, plan.peakCpuMillis]).toEqual([5, 2500]);
  });

  test('with an HPA the stable pods are its minimum and the plan carries its maximum', () => {
    const plan = synth({ canary, autoscaling: { minReplicas: 3, maxReplicas: 9 } }).app.plan;
    expect([plan.steadyPods, plan.maxReplicas, plan.steps[0].trafficPercent]).toEqual([3, 9, 25]);
  });

  test('in a GitOpsLayout environment the plan watches the Flux Kustomization <environment>-<app>', () => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    const chart = layout.addEnvironment('prod').addApp('shop', { namespace: 'retail' });
    const plan = new ReplicaCanaryApp(chart, 'web', { ...base, canary }).plan;
    expect(plan.namespace).toBe('retail');
    expect(renderedWatchCommands(layout, 'prod/shop')).toContain('flux -n flux-system reconcile kustomization prod-shop --with-source');
    expect(plan.watchCommands).toContain('kubectl -n retail rollout status deployment/web-canary --timeout=600s');
  });
});
