/**
 * Cross-object wiring of every app folder in dist/ (what kube-linter's
 * dangling-service / dangling-ingress / dangling-hpa / mismatching-selector /
 * readiness-port checks look for), Flagger-aware: inside a folder with a
 * Canary, the Services Flagger creates count as present.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { admits, podLabelSets, scrapesOf, selects } from '../support/policy';

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const NAME = 'app.kubernetes.io/name';

interface Folder { name: string; objects: any[] }

function appFolders(): Folder[] {
  const folders: Folder[] = [];
  for (const env of fs.readdirSync(DIST)) {
    if (env === 'clusters' || env === 'plans' || !fs.statSync(path.join(DIST, env)).isDirectory()) continue;
    for (const app of fs.readdirSync(path.join(DIST, env))) {
      const dir = path.join(DIST, env, app);
      if (!fs.existsSync(path.join(dir, 'kustomization.yaml'))) continue;
      const objects = fs.readdirSync(dir).filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml')
        .map(f => YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      folders.push({ name: `${env}/${app}`, objects });
    }
  }
  return folders;
}

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Service names in a folder, including the ones Flagger creates for each Canary. */
function serviceNames(objects: any[]): Set<string> {
  const names = objects.filter(o => o.kind === 'Service').map(o => o.metadata.name);
  for (const c of objects.filter(o => o.kind === 'Canary')) {
    const apex = c.spec.service?.name ?? c.spec.targetRef.name;
    names.push(apex, `${apex}-primary`, `${apex}-canary`);
  }
  return new Set(names);
}

const folders = appFolders();

test('dist/ has app folders to check', () => {
  expect(folders.length).toBeGreaterThan(0);
});

describe.each(folders.map(f => [f.name, f] as const))('%s', (_name, folder) => {
  const { objects } = folder;

  test('every Deployment selector matches its own pod template labels', () => {
    for (const d of objects.filter(o => o.kind === 'Deployment')) {
      expect({ name: d.metadata.name, ok: matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels) }).toEqual({ name: d.metadata.name, ok: true });
    }
  });

  test('every Service selects the pods of a Deployment in the folder and targets a declared container port', () => {
    const pods = objects.filter(o => o.kind === 'Deployment');
    for (const s of objects.filter(o => o.kind === 'Service')) {
      const targets = pods.filter(d => matches(s.spec.selector, d.spec.template.metadata.labels));
      expect({ service: s.metadata.name, selects: targets.length > 0 }).toEqual({ service: s.metadata.name, selects: true });
      for (const port of s.spec.ports) {
        const declared = targets.every(d => d.spec.template.spec.containers.some((c: any) => (c.ports ?? []).some((p: any) => p.name === port.targetPort || p.containerPort === port.targetPort)));
        expect({ service: s.metadata.name, port: port.targetPort, declared }).toEqual({ service: s.metadata.name, port: port.targetPort, declared: true });
      }
    }
  });

  test('every Ingress backend is a Service of the folder (or one Flagger creates) on a port it serves', () => {
    const services = serviceNames(objects);
    const servicePorts = new Map(objects.filter(o => o.kind === 'Service').map(s => [s.metadata.name, s.spec.ports.map((p: any) => p.port)]));
    for (const c of objects.filter(o => o.kind === 'Canary')) servicePorts.set(c.spec.service?.name ?? c.spec.targetRef.name, [c.spec.service.port]);
    for (const ing of objects.filter(o => o.kind === 'Ingress')) {
      for (const rule of ing.spec.rules ?? []) {
        for (const p of rule.http.paths) {
          const backend = p.backend.service;
          expect({ ingress: ing.metadata.name, backend: backend.name, exists: services.has(backend.name) }).toEqual({ ingress: ing.metadata.name, backend: backend.name, exists: true });
          const ports = servicePorts.get(backend.name);
          if (ports) expect(ports).toContain(backend.port.number);
        }
      }
    }
  });

  test('every HPA targets a Deployment of the folder and no autoscaled Deployment sets replicas', () => {
    for (const hpa of objects.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
      const target = objects.find(o => o.kind === 'Deployment' && o.metadata.name === hpa.spec.scaleTargetRef.name);
      expect({ hpa: hpa.metadata.name, target: target?.metadata.name }).toEqual({ hpa: hpa.metadata.name, target: hpa.spec.scaleTargetRef.name });
      expect(target.spec.replicas).toBeUndefined();
    }
  });

  test('every PodDisruptionBudget selects pods that will exist', () => {
    const labelSets = podLabelSets(objects);
    for (const pdb of objects.filter(o => o.kind === 'PodDisruptionBudget')) {
      expect({ pdb: pdb.metadata.name, selects: labelSets.some(l => matches(pdb.spec.selector.matchLabels, l)) }).toEqual({ pdb: pdb.metadata.name, selects: true });
    }
  });

  test('every container has a readiness probe on a declared port, resource requests and a memory limit', () => {
    for (const d of objects.filter(o => o.kind === 'Deployment')) {
      for (const c of d.spec.template.spec.containers) {
        const port = c.readinessProbe?.httpGet?.port ?? c.readinessProbe?.tcpSocket?.port;
        const declared = c.readinessProbe?.exec !== undefined || (c.ports ?? []).some((p: any) => p.name === port || p.containerPort === port);
        expect({ container: `${d.metadata.name}/${c.name}`, readiness: !!c.readinessProbe, declared }).toEqual({ container: `${d.metadata.name}/${c.name}`, readiness: true, declared: true });
        expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
        expect(c.resources.limits?.memory).toBeDefined();
      }
    }
  });

  test('every ConfigMap is mounted or referenced by a Deployment of the folder', () => {
    const text = JSON.stringify(objects.filter(o => o.kind === 'Deployment' || o.kind === 'Canary'));
    for (const cm of objects.filter(o => o.kind === 'ConfigMap')) {
      expect({ configMap: cm.metadata.name, used: text.includes(`"name":"${cm.metadata.name}"`) }).toEqual({ configMap: cm.metadata.name, used: true });
    }
  });

  test('every NetworkPolicy selects all pods of its app (Flagger\'s -primary copies included) and admits what the wiring sends', () => {
    for (const np of objects.filter(o => o.kind === 'NetworkPolicy')) {
      const app = np.metadata.name;
      const ns = np.metadata.namespace;
      const pods = podLabelSets(objects).filter(l => l[NAME] === app || l[NAME] === `${app}-primary`);
      expect({ policy: app, unselected: pods.filter(l => !selects(np.spec.podSelector, l)) }).toEqual({ policy: app, unselected: [] });
      const fromNamespace = (port: string) => (np.spec.ingress ?? []).some((r: any) => r.from.some((p: any) => p.namespaceSelector && !p.podSelector) && r.ports.some((p: any) => p.port === port));
      const canary = objects.find(o => o.kind === 'Canary' && o.spec.targetRef.name === app);
      const routed = objects.some(o => o.kind === 'Ingress') || (canary && !['kubernetes', 'linkerd'].includes(canary.spec.provider));
      const mainPort = canary ? canary.spec.service.targetPort : objects.find(o => o.kind === 'Service' && o.metadata.name === app)?.spec.ports[0].targetPort;
      if (routed) expect({ policy: app, ingressAdmitted: fromNamespace(mainPort) }).toEqual({ policy: app, ingressAdmitted: true });
      for (const monitor of objects.filter(o => o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor')) {
        const port = (monitor.spec.endpoints ?? monitor.spec.podMetricsEndpoints)[0].port;
        expect({ policy: app, prometheusAdmitted: fromNamespace(port) }).toEqual({ policy: app, prometheusAdmitted: true });
      }
      for (const hook of canary?.spec.analysis.webhooks ?? []) {
        const [, svc, hookNs] = /^http:\/\/([a-z0-9-]+)\.([a-z0-9-]+)\//.exec(hook.url) ?? [];
        const service = objects.find(o => o.kind === 'Service' && o.metadata.name === svc && o.metadata.namespace === hookNs);
        const tester = service && objects.find(o => o.kind === 'Deployment' && selects({ matchLabels: service.spec.selector }, o.spec.template.metadata.labels));
        if (tester) expect({ policy: app, loadtesterAdmitted: admits(np, ns, { namespace: hookNs, labels: tester.spec.template.metadata.labels }, mainPort) }).toEqual({ policy: app, loadtesterAdmitted: true });
      }
    }
  });

  test('every ServiceMonitor or PodMonitor scrapes each pod of its app once (Flagger\'s Services and -primary pods included)', () => {
    for (const monitor of objects.filter(o => o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor')) {
      const app = monitor.metadata.name;
      const counts = scrapesOf(objects, monitor);
      const pods = podLabelSets(objects).filter(l => l[NAME] === app || l[NAME] === `${app}-primary`).map(l => JSON.stringify(l));
      expect({ monitor: app, scrapes: pods.map(p => counts.get(p)) }).toEqual({ monitor: app, scrapes: pods.map(() => 1) });
    }
  });

  test('no object is one Flagger creates itself', () => {
    const canaries = objects.filter(o => o.kind === 'Canary');
    for (const c of canaries) {
      const apex = c.spec.service?.name ?? c.spec.targetRef.name;
      const owned = new Set([`Service/${apex}`, `Service/${apex}-primary`, `Service/${apex}-canary`, `Deployment/${c.spec.targetRef.name}-primary`]);
      if (c.spec.ingressRef) owned.add(`Ingress/${c.spec.ingressRef.name}-canary`);
      if (c.spec.autoscalerRef) owned.add(`HorizontalPodAutoscaler/${c.spec.autoscalerRef.name}-primary`);
      expect(objects.map(o => `${o.kind}/${o.metadata.name}`).filter(id => owned.has(id) || (canaries.length && id.endsWith('-primary')))).toEqual([]);
    }
  });
});
