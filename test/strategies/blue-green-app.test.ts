import { Testing } from 'cdk8s';
import { blueGreenExample } from '../../examples/blue-green-app';
import { AppVersionProps, BlueGreenApp, BlueGreenAppProps, BlueGreenSwitch, Color, GitOpsLayout, RolloutPlanKind } from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';
import { renderedWatchCommands } from '../support/plans';

const v1: AppVersionProps = { image: 'ghcr.io/acme/web:1.0.0', replicas: 3, configFiles: { 'app.conf': 'version=1\n' } };
const v2: AppVersionProps = { image: 'ghcr.io/acme/web:2.0.0', replicas: 3, configFiles: { 'app.conf': 'version=2\n' }, env: { FEATURE: 'on' } };
const base: BlueGreenAppProps = { name: 'web', active: Color.BLUE, blue: v1, green: v2 };

function synth(props: Partial<BlueGreenAppProps> = {}) {
  const chart = Testing.chart();
  const app = new BlueGreenApp(chart, 'web', { ...base, ...props });
  return { app, objects: synthValid(chart) };
}

const ids = (objects: any[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);
const NAME = 'app.kubernetes.io/name';

describe('defaults: two warm colors, blue active', () => {
  const { app, objects } = synth();

  test('emits per color a ConfigMap, a Deployment and a PDB, then the Service and the preview Service', () => {
    expect(ids(objects).sort()).toEqual([
      'ConfigMap/web-blue-config', 'ConfigMap/web-green-config',
      'Deployment/web-blue', 'Deployment/web-green',
      'PodDisruptionBudget/web-blue', 'PodDisruptionBudget/web-green',
      'Service/web', 'Service/web-preview',
    ]);
  });

  test.each([Color.BLUE, Color.GREEN])('the %s Deployment selects name + color, with exactly one extra selector label carried by its pods', color => {
    const deployment = find(objects, 'Deployment', `web-${color}`);
    expect(deployment.spec.selector).toEqual({ matchLabels: { [NAME]: 'web', color } });
    expect(deployment.spec.template.metadata.labels).toMatchObject({ [NAME]: 'web', color });
    expect(deployment.metadata.labels).toMatchObject({ color });
    expect(deployment.spec.template.spec.topologySpreadConstraints[0].labelSelector).toEqual({ matchLabels: { [NAME]: 'web', color } });
  });

  test('each color runs its own version: image, replicas and env', () => {
    const blue = find(objects, 'Deployment', 'web-blue');
    const green = find(objects, 'Deployment', 'web-green');
    expect(blue.spec.replicas).toBe(3);
    expect(green.spec.replicas).toBe(3);
    expect(blue.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/web:1.0.0');
    expect(green.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/web:2.0.0');
    expect(blue.spec.template.spec.containers[0].env).toBeUndefined();
    expect(green.spec.template.spec.containers[0].env).toEqual([{ name: 'FEATURE', value: 'on' }]);
    expect(blue.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('1.0.0');
    expect(green.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('2.0.0');
  });

  test('each color mounts its own ConfigMap and carries the checksum of its own files', () => {
    for (const [color, content] of [['blue', 'version=1\n'], ['green', 'version=2\n']]) {
      const configMap = find(objects, 'ConfigMap', `web-${color}-config`);
      expect(configMap.data).toEqual({ 'app.conf': content });
      expect(configMap.metadata.labels).toMatchObject({ color });
      const pod = find(objects, 'Deployment', `web-${color}`).spec.template;
      expect(pod.spec.volumes).toContainEqual({ name: 'config', configMap: { name: `web-${color}-config` } });
      expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/web', readOnly: true });
    }
    const checksum = (color: string) => find(objects, 'Deployment', `web-${color}`).spec.template.metadata.annotations['checksum/config'];
    expect(checksum('blue')).toMatch(/^[a-f0-9]{64}$/);
    expect(checksum('green')).toMatch(/^[a-f0-9]{64}$/);
    expect(checksum('blue')).not.toEqual(checksum('green'));
  });

  test('each color has its own PDB selecting only its pods', () => {
    for (const color of ['blue', 'green']) {
      expect(find(objects, 'PodDisruptionBudget', `web-${color}`).spec).toEqual({
        maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { [NAME]: 'web', color } },
      });
    }
  });

  test('the Services carry no color label (their labels do not change with the switch)', () => {
    expect(find(objects, 'Service', 'web').metadata.labels.color).toBeUndefined();
    expect(find(objects, 'Service', 'web-preview').metadata.labels.color).toBeUndefined();
  });

  test('exposes every object and the colors', () => {
    expect(app.active).toBe(Color.BLUE);
    expect(app.idle).toBe(Color.GREEN);
    expect(app.blueDeployment?.name).toBe('web-blue');
    expect(app.greenDeployment?.name).toBe('web-green');
    expect(app.blueConfigMap?.name).toBe('web-blue-config');
    expect(app.greenConfigMap?.name).toBe('web-green-config');
    expect(app.blueDisruptionBudget?.name).toBe('web-blue');
    expect(app.greenDisruptionBudget?.name).toBe('web-green');
    expect(app.blueAutoscaler).toBeUndefined();
    expect(app.greenAutoscaler).toBeUndefined();
    expect(app.service.name).toBe('web');
    expect(app.previewService?.name).toBe('web-preview');
    expect(app.ingress).toBeUndefined();
    expect(app.previewIngress).toBeUndefined();
    expect([app.blueReplicas, app.greenReplicas]).toEqual([3, 3]);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('selector wiring for every active color and idle policy', () => {
  const cases: Array<[Color, string, number | undefined]> = [
    [Color.BLUE, 'warm', undefined],
    [Color.BLUE, 'zero', 0],
    [Color.GREEN, 'warm', undefined],
    [Color.GREEN, 'zero', 0],
  ];
  test.each(cases)('active %s, idle %s', (active, _policy, idleReplicas) => {
    const idle = active === Color.BLUE ? Color.GREEN : Color.BLUE;
    const { app, objects } = synth({ active, idleReplicas });
    expect(find(objects, 'Service', 'web').spec.selector).toEqual({ [NAME]: 'web', color: active });
    expect(find(objects, 'Service', 'web-preview').spec.selector).toEqual({ [NAME]: 'web', color: idle });
    expect(find(objects, 'Deployment', `web-${active}`).spec.replicas).toBe(3);
    expect(find(objects, 'Deployment', `web-${idle}`).spec.replicas).toBe(idleReplicas ?? 3);
    expect([app.active, app.idle]).toEqual([active, idle]);
    expect([app.activeReplicas, app.idleReplicas]).toEqual([3, idleReplicas ?? 3]);
    // the Service selector matches exactly the pods of one Deployment
    const podLabels = find(objects, 'Deployment', `web-${active}`).spec.template.metadata.labels;
    const otherPodLabels = find(objects, 'Deployment', `web-${idle}`).spec.template.metadata.labels;
    const selects = (labels: Record<string, string>) => Object.entries(find(objects, 'Service', 'web').spec.selector).every(([k, v]) => labels[k] === v);
    expect(selects(podLabels)).toBe(true);
    expect(selects(otherPodLabels)).toBe(false);
  });
});

describe('the switch', () => {
  /** The objects of two syntheses that differ, keyed kind/name. */
  function diff(a: any[], b: any[]): string[] {
    expect(ids(a)).toEqual(ids(b));
    return a.filter((o, i) => JSON.stringify(o) !== JSON.stringify(b[i])).map(o => `${o.kind}/${o.metadata.name}`);
  }
  const withoutSelector = (o: any) => ({ ...o, spec: { ...o.spec, selector: undefined } });

  test.each([
    ['defaults', {}],
    ['autoscaled, with Ingress and preview host', {
      autoscaling: { minReplicas: 2, maxReplicas: 6 },
      ingress: { className: 'nginx', hosts: ['web.example.com'], tlsSecretName: 'web-tls' },
      previewHosts: ['preview.web.example.com'],
    }],
  ] as Array<[string, Partial<BlueGreenAppProps>]>)('%s: flipping active changes only the selectors of the two Services', (_name, props) => {
    const blue = synth({ ...props, active: Color.BLUE }).objects;
    const green = synth({ ...props, active: Color.GREEN }).objects;
    expect(diff(blue, green)).toEqual(['Service/web', 'Service/web-preview']);
    for (const name of ['web', 'web-preview']) {
      expect(withoutSelector(find(blue, 'Service', name))).toEqual(withoutSelector(find(green, 'Service', name)));
    }
    expect(find(blue, 'Service', 'web').spec.selector.color).toBe('blue');
    expect(find(green, 'Service', 'web').spec.selector.color).toBe('green');
  });
});

const gatewayRoute = { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['web.example.com'] };
const byRoute: Partial<BlueGreenAppProps> = { switchBy: BlueGreenSwitch.ROUTE_BACKEND, route: gatewayRoute, previewHosts: ['preview.web.example.com'] };

describe('switch by route backend', () => {
  const { app, objects } = synth(byRoute);

  test('one Service per color (never switched), the HTTPRoute to the active one and the preview HTTPRoute to the idle one', () => {
    expect(ids(objects)).toEqual([
      'ConfigMap/web-blue-config', 'Deployment/web-blue', 'PodDisruptionBudget/web-blue',
      'ConfigMap/web-green-config', 'Deployment/web-green', 'PodDisruptionBudget/web-green',
      'Service/web-blue', 'Service/web-green', 'HTTPRoute/web', 'HTTPRoute/web-preview',
    ]);
    for (const color of [Color.BLUE, Color.GREEN]) {
      expect(find(objects, 'Service', `web-${color}`).spec.selector).toEqual({ [NAME]: 'web', color });
    }
    expect(find(objects, 'HTTPRoute', 'web').spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateway-system' }],
      hostnames: ['web.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web-blue', port: 80 }] }],
    });
    const preview = find(objects, 'HTTPRoute', 'web-preview').spec;
    expect(preview.hostnames).toEqual(['preview.web.example.com']);
    expect(preview.rules[0].backendRefs).toEqual([{ name: 'web-green', port: 80 }]);
  });

  test('service is the active color\'s Service, previewService the idle one\'s', () => {
    expect([app.switchBy, app.service.name, app.previewService?.name, app.route?.name, app.previewRoute?.name]).toEqual([BlueGreenSwitch.ROUTE_BACKEND, 'web-blue', 'web-green', 'web', 'web-preview']);
  });

  test('the plan switches the route backend', () => {
    expect(app.plan.steps[1].description).toContain('the backendRef of the HTTPRoute `web` changes from `web-blue` to `web-green`');
    expect(app.plan.rollback[0]).toContain('only the backendRef of the HTTPRoute `web` changes back');
  });

  test('a single color: its Service and the route only', () => {
    const { app: single, objects: few } = synth({ ...byRoute, green: undefined });
    expect(ids(few).filter(id => !id.startsWith('ConfigMap') && !id.startsWith('Deployment') && !id.startsWith('PodDisruptionBudget'))).toEqual(['Service/web-blue', 'HTTPRoute/web']);
    expect([single.previewService, single.previewRoute]).toEqual([undefined, undefined]);
  });

  test('snapshot', () => {
    expect(objects.filter(o => o.kind === 'Service' || o.kind === 'HTTPRoute')).toMatchSnapshot();
  });
});

describe('the switch by route, as the commit Flux applies', () => {
  /** The files of the app folder, rendered as the layout writes them. */
  function render(props: Partial<BlueGreenAppProps>): Record<string, string> {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    new BlueGreenApp(layout.addEnvironment('demo').addApp('web'), 'web', { ...base, ...byRoute, ...props });
    return Object.fromEntries(Object.entries(layout.render()).filter(([file]) => file.startsWith('demo/web/')));
  }
  /** The lines of each file that differ between two renderings. */
  function changedLines(a: Record<string, string>, b: Record<string, string>): Record<string, Array<[string, string]>> {
    expect(Object.keys(a)).toEqual(Object.keys(b));
    const changed: Record<string, Array<[string, string]>> = {};
    for (const file of Object.keys(a)) {
      const before = a[file].split('\n');
      const after = b[file].split('\n');
      expect(before.length).toBe(after.length);
      const lines = before.map((line, i) => [line, after[i]] as [string, string]).filter(([x, y]) => x !== y);
      if (lines.length) changed[file] = lines;
    }
    return changed;
  }

  const blue = render({ active: Color.BLUE });
  const green = render({ active: Color.GREEN });

  test('flipping active changes one line per HTTPRoute: the backendRef name', () => {
    expect(changedLines(blue, green)).toEqual({
      'demo/web/httproute-web.yaml': [['        - name: web-blue', '        - name: web-green']],
      'demo/web/httproute-web-preview.yaml': [['        - name: web-green', '        - name: web-blue']],
    });
  });

  test('the rollback (flipping back) restores the same bytes, with both colors still running', () => {
    expect(render({ active: Color.BLUE })).toEqual(blue);
    expect(find(synth({ ...byRoute, active: Color.GREEN }).objects, 'Deployment', 'web-blue').spec.replicas).toBe(3);
  });

  test('switching by Service selector instead, the routes stay and only the selectors change', () => {
    const bySelector = (active: Color) => synth({ route: gatewayRoute, previewHosts: ['preview.web.example.com'], active }).objects;
    const [b, g] = [bySelector(Color.BLUE), bySelector(Color.GREEN)];
    expect(find(b, 'HTTPRoute', 'web').spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 80 }]);
    expect(find(b, 'HTTPRoute', 'web-preview').spec.rules[0].backendRefs).toEqual([{ name: 'web-preview', port: 80 }]);
    expect(b.filter((o, i) => JSON.stringify(o) !== JSON.stringify(g[i])).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/web', 'Service/web-preview']);
  });
});

describe('idle color scaled to zero', () => {
  const { app, objects } = synth({ idleReplicas: 0, autoscaling: { minReplicas: 2, maxReplicas: 6 } });

  test('the idle color runs 0 pods and has no HPA (it would scale it back up) and no PDB', () => {
    expect(find(objects, 'Deployment', 'web-green').spec.replicas).toBe(0);
    expect(objects.some(o => o.metadata.name === 'web-green' && ['HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(o.kind))).toBe(false);
    expect(app.greenAutoscaler).toBeUndefined();
    expect(app.greenDisruptionBudget).toBeUndefined();
    expect(app.greenReplicas).toBe(0);
  });

  test('the active color keeps its HPA and PDB', () => {
    expect(find(objects, 'Deployment', 'web-blue').spec.replicas).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', 'web-blue').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-blue' });
    expect(find(objects, 'PodDisruptionBudget', 'web-blue').spec.selector).toEqual({ matchLabels: { [NAME]: 'web', color: 'blue' } });
  });

  test('the idle color keeps its ConfigMap and the preview Service stays (selecting the idle pods)', () => {
    expect(find(objects, 'ConfigMap', 'web-green-config').data).toEqual({ 'app.conf': 'version=2\n' });
    expect(find(objects, 'Service', 'web-preview').spec.selector).toEqual({ [NAME]: 'web', color: 'green' });
  });

  test('idleReplicas above zero runs that many idle pods, without an HPA', () => {
    const { objects: few } = synth({ idleReplicas: 1, autoscaling: { maxReplicas: 6 } });
    expect(find(few, 'Deployment', 'web-green').spec.replicas).toBe(1);
    expect(few.filter(o => o.kind === 'HorizontalPodAutoscaler').map(o => o.metadata.name)).toEqual(['web-blue']);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('autoscaled, both colors warm', () => {
  const { app, objects } = synth({ autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 } });

  test.each([Color.BLUE, Color.GREEN])('the %s HPA targets its own Deployment, which has no replicas', color => {
    const hpa = find(objects, 'HorizontalPodAutoscaler', `web-${color}`);
    expect(hpa.spec).toMatchObject({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `web-${color}` }, minReplicas: 3, maxReplicas: 10 });
    expect(hpa.metadata.labels).toMatchObject({ color });
    expect(find(objects, 'Deployment', `web-${color}`).spec.replicas).toBeUndefined();
    expect(find(objects, 'PodDisruptionBudget', `web-${color}`).spec.selector).toEqual({ matchLabels: { [NAME]: 'web', color } });
  });

  test('the replicas in effect are the HPA minimum', () => {
    expect([app.blueReplicas, app.greenReplicas]).toEqual([3, 3]);
    expect(app.blueAutoscaler?.name).toBe('web-blue');
    expect(app.greenAutoscaler?.name).toBe('web-green');
  });
});

describe('Ingress and preview Ingress', () => {
  const { app, objects } = synth({
    ingress: { className: 'nginx', hosts: ['web.example.com'], tlsSecretName: 'web-tls', annotations: { 'example.com/team': 'shop' } },
    previewHosts: ['preview.web.example.com'],
  });

  test('the Ingress routes the hosts to <name>, the preview Ingress routes the preview hosts to <name>-preview', () => {
    const ingress = find(objects, 'Ingress', 'web');
    const preview = find(objects, 'Ingress', 'web-preview');
    expect(ingress.spec.rules).toEqual([{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }]);
    expect(preview.spec.rules).toEqual([{ host: 'preview.web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web-preview', port: { number: 80 } } } }] } }]);
    expect(preview.spec.ingressClassName).toBe('nginx');
    expect(preview.spec.tls).toEqual([{ hosts: ['preview.web.example.com'], secretName: 'web-tls' }]);
    expect(preview.metadata.annotations).toEqual({ 'example.com/team': 'shop' });
    expect(app.ingress?.name).toBe('web');
    expect(app.previewIngress?.name).toBe('web-preview');
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('a single color', () => {
  const { app, objects } = synth({ green: undefined, ingress: { className: 'nginx', hosts: ['web.example.com'] }, previewHosts: ['preview.web.example.com'] });

  test('emits nothing for the color without a version, and no preview Service or preview Ingress', () => {
    expect(ids(objects).sort()).toEqual(['ConfigMap/web-blue-config', 'Deployment/web-blue', 'Ingress/web', 'PodDisruptionBudget/web-blue', 'Service/web']);
    expect(app.greenDeployment).toBeUndefined();
    expect(app.greenConfigMap).toBeUndefined();
    expect(app.greenDisruptionBudget).toBeUndefined();
    expect(app.previewService).toBeUndefined();
    expect(app.previewIngress).toBeUndefined();
    expect(app.greenReplicas).toBe(0);
    expect(find(objects, 'Service', 'web').spec.selector).toEqual({ [NAME]: 'web', color: 'blue' });
  });

  test('green alone can be active', () => {
    const { objects: greenOnly } = synth({ blue: undefined, active: Color.GREEN, autoscaling: { maxReplicas: 4 } });
    expect(ids(greenOnly).sort()).toEqual(['ConfigMap/web-green-config', 'Deployment/web-green', 'HorizontalPodAutoscaler/web-green', 'PodDisruptionBudget/web-green', 'Service/web']);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('validation', () => {
  const cases: Array<[string, Partial<BlueGreenAppProps>, RegExp]> = [
    ['no version at all', { blue: undefined, green: undefined }, /invalid 'blue' \(undefined\): a BlueGreenApp needs a version in 'blue', 'green' or both/],
    ['a color version is checked under its prop path', { green: { image: 'ghcr.io/acme/web' } }, /invalid 'green.image' \("ghcr.io\/acme\/web"\)/],
    ['active is a Color', { active: 'red' as Color }, /invalid 'active' \("red"\): must be Color.BLUE or Color.GREEN/],
    ['the active color has a version', { active: Color.GREEN, green: undefined }, /invalid 'active' \("green"\): the active color has no version: define 'green' first/],
    ['idleReplicas is not negative', { idleReplicas: -1 }, /invalid 'idleReplicas' \(-1\): must be an integer >= 0/],
    ['previewHosts need ingress or route', { previewHosts: ['preview.example.com'] }, /invalid 'previewHosts' \(\["preview.example.com"\]\): the preview Ingress or HTTPRoute takes its settings from 'ingress' or 'route'/],
    ['previewHosts are not empty', { ingress: {}, previewHosts: [] }, /invalid 'previewHosts' \(\[\]\): list one or more hosts \(a preview Ingress or HTTPRoute/],
    ['previewHosts are DNS names', { ingress: {}, previewHosts: ['Preview_Host'] }, /invalid 'previewHosts\[0\]' \("Preview_Host"\): hosts are DNS names/],
    ['previewHosts differ from ingress.hosts', { ingress: { hosts: ['web.example.com'] }, previewHosts: ['web.example.com'] }, /invalid 'previewHosts\[0\]' \("web.example.com"\): preview hosts must differ from ingress.hosts/],
  ];
  test.each(cases)('%s', (_rule, props, message) => {
    expect(() => new BlueGreenApp(Testing.chart(), 'web', { ...base, ...props })).toThrow(message);
  });

  const make = (props: Partial<BlueGreenAppProps>) => () => new BlueGreenApp(Testing.chart(), 'web', { ...base, ...props });

  test('switchBy is a BlueGreenSwitch', () => {
    expectPropError(make({ switchBy: 'Weights' as BlueGreenSwitch }), 'switchBy', 'Weights', 'must be BlueGreenSwitch.SERVICE_SELECTOR or BlueGreenSwitch.ROUTE_BACKEND');
  });

  test('switching by route backend needs route', () => {
    expectPropError(make({ switchBy: BlueGreenSwitch.ROUTE_BACKEND }), 'route', undefined, 'switching by route backend needs \'route\'');
  });

  test('switching by route backend takes no Ingress', () => {
    expectPropError(make({ ...byRoute, ingress: { hosts: ['web.example.com'] } }), 'ingress', ['web.example.com'], 'an Ingress has no color-neutral Service to point at');
  });

  test('previewHosts differ from route.hostnames', () => {
    expectPropError(make({ ...byRoute, previewHosts: ['web.example.com'] }), 'previewHosts[0]', 'web.example.com', 'preview hosts must differ from route.hostnames');
  });

  test('previewHosts of a preview HTTPRoute are at most 16', () => {
    const hosts = Array.from({ length: 17 }, (_, i) => `p${i}.example.com`);
    expectPropError(make({ ...byRoute, previewHosts: hosts }), 'previewHosts', 17, 'at most 16 hostnames');
  });

  test('messages start with the construct path', () => {
    expect(() => new BlueGreenApp(Testing.chart(), 'web', { ...base, idleReplicas: 1.5 })).toThrow(/^test\/web: invalid 'idleReplicas' \(1.5\)/);
  });
});

describe('the example', () => {
  const env = new GitOpsLayout({ outdir: 'unused' }).addEnvironment('demo');
  const app = blueGreenExample(env);
  const objects = synthValid(env.apps[0]);

  test('nginx 1.16 blue (active) and 1.17 green, 4 replicas each, each serving its own index.html, switched by HTTPRoute', () => {
    expect(app.active).toBe(Color.BLUE);
    for (const [color, tag] of [['blue', '1.16-alpine'], ['green', '1.17-alpine']]) {
      const deployment = find(objects, 'Deployment', `nginx-blue-green-${color}`);
      expect(deployment.spec.replicas).toBe(4);
      const container = deployment.spec.template.spec.containers[0];
      expect(container.image).toBe(`nginxinc/nginx-unprivileged:${tag}`);
      expect(container.ports[0].containerPort).toBe(8080);
      expect(container.volumeMounts).toContainEqual({ name: 'config', mountPath: '/usr/share/nginx/html', readOnly: true });
      expect(container.volumeMounts).toContainEqual({ name: 'writable-0', mountPath: '/tmp' });
      expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 101, runAsGroup: 101 });
      expect(find(objects, 'ConfigMap', `nginx-blue-green-${color}-config`).data['index.html']).toContain(`(${color})`);
    }
    // switched by route: each color has its Service; the route serves blue, the preview route green
    expect(app.switchBy).toBe(BlueGreenSwitch.ROUTE_BACKEND);
    expect(find(objects, 'HTTPRoute', 'nginx-blue-green').spec.rules[0].backendRefs).toEqual([{ name: 'nginx-blue-green-blue', port: 80 }]);
    expect(find(objects, 'HTTPRoute', 'nginx-blue-green-preview').spec.rules[0].backendRefs).toEqual([{ name: 'nginx-blue-green-green', port: 80 }]);
    expect(find(objects, 'HTTPRoute', 'nginx-blue-green-preview').spec.hostnames).toEqual(['preview.blue-green.demo.example.com']);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('rollout plan', () => {
  test('warm idle color: steady and peak pods are 2R, the switch is the second step and the rollback is one commit back', () => {
    const { plan } = synth().app;
    expect(plan.kind).toBe(RolloutPlanKind.BLUE_GREEN_SWITCH);
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([6, 6, 3]);
    expect(plan.steps.map(s => [s.name, s.newPods, s.oldPods, s.trafficPercent])).toEqual([['deploy green', 3, 3, 0], ['switch', 3, 3, 100]]);
    expect(plan.steps[1].description).toContain('`color: blue` to `color: green`');
    expect(plan.rollback[0]).toContain('Set `active` back to blue');
    expect(plan.watchCommands).toContain('kubectl rollout status deployment/web-green --timeout=600s');
    expect(plan.watchCommands.some(c => c.startsWith('flux '))).toBe(false);
  });

  test('idleReplicas 0: steady pods are R, the idle color scales up to its own replicas for the next version, and the old color scales down after the switch', () => {
    const { app } = synth({ active: Color.GREEN, idleReplicas: 0, blue: { ...v1, replicas: 5 } });
    expect([app.activeReplicas, app.idleReplicas]).toEqual([3, 0]);
    const plan = app.plan;
    expect([plan.steadyPods, plan.peakPods]).toEqual([3, 3 + 5]);
    expect(plan.steps.map(s => [s.name, s.newPods, s.oldPods])).toEqual([['deploy blue', 5, 3], ['switch', 5, 3], ['scale green down', 5, 0]]);
  });

  test('without an idle version the next version is sized like the active one; with an HPA both colors plan at its minimum', () => {
    expect(synth({ green: undefined }).app.plan.steps[0].newPods).toBe(3);
    const plan = synth({ autoscaling: { minReplicas: 4, maxReplicas: 10 } }).app.plan;
    expect([plan.steadyPods, plan.peakPods, plan.maxReplicas]).toEqual([8, 8, 10]);
  });

  test('per-pod requests and the namespace come from the app props', () => {
    const plan = synth({ namespace: 'shop', resources: { cpuRequest: '250m', memoryRequest: '256Mi' } }).app.plan;
    expect([plan.podCpuMillis, plan.peakCpuMillis, plan.peakMemoryBytes]).toEqual([250, 6 * 250, 6 * 256 * 1024 * 1024]);
    expect(plan.namespace).toBe('shop');
    expect(plan.watchCommands).toContain('kubectl -n shop get service web web-preview -o wide');
  });

  test('in a GitOpsLayout environment the plan watches the Flux Kustomization <environment>-<app> in the chart namespace', () => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    const chart = layout.addEnvironment('staging').addApp('web');
    const plan = new BlueGreenApp(chart, 'web', base).plan;
    expect(plan.namespace).toBe('web');
    expect(renderedWatchCommands(layout, 'staging/web').slice(0, 2)).toEqual([
      'flux -n flux-system reconcile kustomization staging-web --with-source',
      'flux -n flux-system get kustomizations staging-web --watch',
    ]);
  });
});
