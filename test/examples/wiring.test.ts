/**
 * Cross-object wiring of every app folder in dist/ (what kube-linter's
 * dangling-service / dangling-ingress / dangling-hpa / mismatching-selector /
 * readiness-port checks look for), Flagger-aware: inside a folder with a
 * Canary, the Services Flagger creates count as present. Argo Rollouts
 * Rollouts carry their pod template, so they count as workloads.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { admits, podLabelSets, scrapesOf, selects } from '../support/policy';
import { routeWiringProblems } from '../support/route-wiring';

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const NAME = 'app.kubernetes.io/name';

interface Folder { name: string; objects: any[] }

function appFolders(): Folder[] {
  const folders: Folder[] = [];
  for (const env of fs.readdirSync(DIST)) {
    if (env === 'clusters' || env === 'plans' || env === 'argocd' || !fs.statSync(path.join(DIST, env)).isDirectory()) continue;
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

/** The objects that run pods from a template of their own. */
const workloadsOf = (objects: any[]) => objects.filter(o => o.kind === 'Deployment' || o.kind === 'Rollout');

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

test('dist/ has app folders to check, HTTPRoutes among them', () => {
  expect(folders.length).toBeGreaterThan(0);
  expect(folders.flatMap(f => f.objects).filter(o => o.kind === 'HTTPRoute').length).toBeGreaterThan(0);
});

test('no example relies on builtin metrics that nothing scrapes (the kubernetes and gatewayapi providers read the app\'s own series)', () => {
  const plans = fs.readdirSync(path.join(DIST, 'plans')).filter(e => fs.statSync(path.join(DIST, 'plans', e)).isDirectory())
    .flatMap(e => fs.readdirSync(path.join(DIST, 'plans', e)).filter(f => f.endsWith('.md')).map(f => fs.readFileSync(path.join(DIST, 'plans', e, f), 'utf8')));
  expect(plans.length).toBeGreaterThan(0);
  expect(plans.filter(p => p.includes('Nothing scrapes'))).toEqual([]);
});

describe.each(folders.map(f => [f.name, f] as const))('%s', (_name, folder) => {
  const { objects } = folder;

  test('every Deployment or Rollout selector matches its own pod template labels', () => {
    for (const d of workloadsOf(objects)) {
      expect({ name: d.metadata.name, ok: matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels) }).toEqual({ name: d.metadata.name, ok: true });
    }
  });

  test('every Service selects the pods of a Deployment or Rollout in the folder and targets a declared container port', () => {
    const pods = workloadsOf(objects);
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

  test('every HTTPRoute is attached to a Gateway and sends each rule to Services of the folder on ports they serve, with weights adding up to more than 0', () => {
    expect(routeWiringProblems(objects)).toEqual([]);
  });

  test('every HPA targets a Deployment or Rollout of the folder and no autoscaled workload sets replicas', () => {
    for (const hpa of objects.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
      const ref = hpa.spec.scaleTargetRef;
      const target = objects.find(o => o.kind === ref.kind && o.apiVersion === ref.apiVersion && ['Deployment', 'Rollout'].includes(o.kind) && o.metadata.name === ref.name);
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
    for (const d of workloadsOf(objects)) {
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
    const text = JSON.stringify(objects.filter(o => ['Deployment', 'Rollout', 'Canary'].includes(o.kind)));
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
      const owned = new Set([`Service/${apex}`, `Service/${apex}-primary`, `Service/${apex}-canary`, `Deployment/${c.spec.targetRef.name}-primary`, `HTTPRoute/${apex}`]);
      if (c.spec.ingressRef) owned.add(`Ingress/${c.spec.ingressRef.name}-canary`);
      if (c.spec.autoscalerRef) owned.add(`HorizontalPodAutoscaler/${c.spec.autoscalerRef.name}-primary`);
      expect(objects.map(o => `${o.kind}/${o.metadata.name}`).filter(id => owned.has(id) || (canaries.length && id.endsWith('-primary')))).toEqual([]);
    }
  });
});

/** The names of the Services, Ingress, HTTPRoute and AnalysisTemplates a Rollout refers to. */
function rolloutReferences(rollout: any) {
  const strategy = rollout.spec.strategy.canary ?? rollout.spec.strategy.blueGreen;
  const services = [strategy.stableService, strategy.canaryService, strategy.activeService, strategy.previewService].filter(Boolean);
  const analyses = [strategy.analysis, strategy.prePromotionAnalysis, strategy.postPromotionAnalysis, ...(strategy.steps ?? []).map((s: any) => s.analysis)].filter(Boolean);
  const plugin = strategy.trafficRouting?.plugins?.['argoproj-labs/gatewayAPI'];
  return { services, analyses, httpRoute: plugin?.httpRoute, stableIngress: strategy.trafficRouting?.nginx?.stableIngress, stableService: strategy.stableService, canaryService: strategy.canaryService };
}

const rolloutFolders = folders.filter(f => f.objects.some(o => o.kind === 'Rollout'));

test('dist/ has Argo Rollouts folders to check', () => {
  expect(rolloutFolders.map(f => f.name)).toEqual(expect.arrayContaining(['demo/rollouts-canary', 'demo/rollouts-blue-green']));
});

describe.each(rolloutFolders.map(f => [f.name, f] as const))('%s (Argo Rollouts)', (_name, { objects }) => {
  const byName = (kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name);
  const rollouts = objects.filter(o => o.kind === 'Rollout');

  test('every Service a Rollout switches is in the folder, and the two are different Services', () => {
    for (const r of rollouts) {
      const { services } = rolloutReferences(r);
      expect(services.length).toBe(2);
      expect(new Set(services).size).toBe(2);
      for (const s of services) expect({ service: s, exists: !!byName('Service', s) }).toEqual({ service: s, exists: true });
    }
  });

  test('every AnalysisTemplate a Rollout references is in the folder, and every argument without a value is passed', () => {
    for (const r of rollouts) {
      for (const a of rolloutReferences(r).analyses) {
        const passed = new Set((a.args ?? []).map((x: any) => x.name));
        for (const { templateName } of a.templates) {
          const template = byName('AnalysisTemplate', templateName);
          expect({ template: templateName, exists: !!template }).toEqual({ template: templateName, exists: true });
          const missing = (template.spec.args ?? []).filter((x: any) => x.value === undefined && x.valueFrom === undefined && !passed.has(x.name));
          expect({ template: templateName, missing }).toEqual({ template: templateName, missing: [] });
        }
      }
    }
  });

  test('the HTTPRoute or Ingress a Rollout routes through is in the folder and sends every request to the stable Service', () => {
    for (const r of rollouts) {
      const refs = rolloutReferences(r);
      if (refs.httpRoute) {
        const route = byName('HTTPRoute', refs.httpRoute);
        expect(route).toBeDefined();
        for (const rule of route.spec.rules) {
          expect(rule.backendRefs.map((b: any) => [b.name, b.weight])).toEqual([[refs.stableService, 100], [refs.canaryService, 0]]);
          for (const b of rule.backendRefs) expect(byName('Service', b.name).spec.ports.map((p: any) => p.port)).toContain(b.port);
        }
      }
      if (refs.stableIngress) {
        const ingress = byName('Ingress', refs.stableIngress);
        expect(ingress.spec.rules.flatMap((rule: any) => rule.http.paths.map((p: any) => p.backend.service.name))).toContain(refs.stableService);
      }
    }
  });
});
