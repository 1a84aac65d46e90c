/**
 * Cross-object wiring of the objects applied together (one app folder, one
 * chart): selectors, Service and route targets, ports, HPA and PDB targets,
 * probe ports, and the objects a controller creates itself. Flagger-aware:
 * the Services and `-primary` copies Flagger creates for a Canary count as
 * present, and a user object must not take their names.
 */
import { PROVIDERS } from '../flagger/provider-table';
import { CanaryProviderType } from '../flagger/providers';
import { ValidationFinding } from './finding';
import { describeObject } from './findings';
import { podSpecOf, podSpecPath } from './pod-security';

/** Workload kinds whose pod template a Service or PDB can select. */
const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Rollout', 'Job'];
/** The labels Flagger picks its selector label from, in order (its `-selector-labels` default). */
const FLAGGER_SELECTOR_LABELS = ['app', 'name', 'app.kubernetes.io/name'];

/** A label selector (matchLabels and matchExpressions). */
interface Selector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** What Flagger creates for the Canaries of a group, and the pods it runs. */
interface FlaggerView {
  /** `<kind>/<namespace>/<name>` of every object Flagger creates, with the Canary that creates it. */
  readonly owned: Map<string, string>;
  /** Service name -> its ports, for the Services Flagger creates. */
  readonly servicePorts: Map<string, number[]>;
  /** The pod label sets of the primaries Flagger will run. */
  readonly primaryPods: Array<Record<string, string>>;
}

/** Findings of the wiring rules over one group of objects applied together. */
export function wiringFindings(objects: any[]): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const add = (rule: string, obj: any, field: string, message: string) => out.push({ rule, object: describeObject(obj), field, message });
  const flagger = flaggerView(objects);
  const workloads = objects.filter(o => WORKLOADS.includes(o.kind) && podSpecOf(o));
  const podSets = [...workloads.map(w => ({ ns: w.metadata?.namespace, labels: w.spec.template?.metadata?.labels ?? {}, workload: w })), ...flagger.primaryPods.map(labels => ({ ns: undefined, labels, workload: undefined }))];
  const services = new Map(objects.filter(o => o.kind === 'Service').map(s => [s.metadata?.name, s]));
  const serviceExists = (name: string) => services.has(name) || flagger.servicePorts.has(name);
  const servicePorts = (name: string): Array<{ port: number; name?: string }> => services.get(name)?.spec?.ports ?? (flagger.servicePorts.get(name) ?? []).map(port => ({ port }));

  for (const w of workloads) {
    const selector: Selector | undefined = w.spec.selector;
    if (w.kind !== 'Job' && selector && !selects(selector, w.spec.template?.metadata?.labels ?? {})) {
      add('selector', w, '/spec/selector', 'the selector does not match the pod template labels (the API server refuses the workload)');
    }
    const spec = podSpecOf(w);
    const declared = new Set<string>((spec.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => p.name)).filter(Boolean));
    (spec.containers ?? []).forEach((c: any, i: number) => {
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port ?? c[probe]?.grpc?.port;
        if (typeof port === 'string' && !declared.has(port)) {
          add('probe', w, `${podSpecPath(w)}/containers/${i}/${probe}`, `the probe targets the port name "${port}", which no container declares`);
        }
      }
    });
  }

  for (const s of services.values()) {
    const selector = s.spec?.selector;
    if (!selector || s.spec?.type === 'ExternalName') continue;
    const targets = podSets.filter(p => (p.ns === undefined || p.ns === s.metadata?.namespace) && selects({ matchLabels: selector }, p.labels));
    if (targets.length === 0) {
      add('service', s, '/spec/selector', `the selector ${JSON.stringify(selector)} matches no pods of a workload applied with it`);
      continue;
    }
    (s.spec.ports ?? []).forEach((p: any, i: number) => {
      const target = p.targetPort ?? p.port;
      const ok = targets.filter(t => t.workload).every(t => (podSpecOf(t.workload).containers ?? []).some((c: any) => (c.ports ?? []).some((cp: any) => cp.name === target || cp.containerPort === target)));
      if (!ok) add('service', s, `/spec/ports/${i}/targetPort`, `the target port ${JSON.stringify(target)} is not declared by the containers the Service selects`);
    });
  }

  for (const ing of objects.filter(o => o.kind === 'Ingress')) {
    (ing.spec?.rules ?? []).forEach((rule: any, r: number) => (rule.http?.paths ?? []).forEach((p: any, i: number) => {
      const backend = p.backend?.service;
      if (!backend) return;
      const field = `/spec/rules/${r}/http/paths/${i}/backend/service`;
      if (!serviceExists(backend.name)) add('ingress', ing, field, `the backend Service "${backend.name}" is not applied with the Ingress nor created by Flagger`);
      else if (!servesPort(servicePorts(backend.name), backend.port)) add('ingress', ing, `${field}/port`, `the Service "${backend.name}" does not serve port ${JSON.stringify(backend.port)}`);
    }));
  }

  for (const route of objects.filter(o => o.kind === 'HTTPRoute')) {
    if (!(route.spec?.parentRefs ?? []).length) add('route', route, '/spec/parentRefs', 'the route is attached to no Gateway (parentRefs is empty)');
    (route.spec?.rules ?? []).forEach((rule: any, r: number) => {
      const refs: any[] = rule.backendRefs ?? [];
      refs.forEach((ref, i) => {
        if ((ref.kind ?? 'Service') !== 'Service' || (ref.group ?? '') !== '') return;
        const field = `/spec/rules/${r}/backendRefs/${i}`;
        if (ref.namespace !== undefined && ref.namespace !== route.metadata?.namespace) {
          const applied = objects.some(o => o.kind === 'Service' && o.metadata?.name === ref.name && o.metadata?.namespace === ref.namespace);
          if (!applied) add('route', route, `${field}/namespace`, `the backend Service "${ref.name}" in namespace "${ref.namespace}" is not applied with the route (a backend in another namespace also needs a ReferenceGrant there that lets HTTPRoutes of this namespace refer to it)`);
          return;
        }
        if (!serviceExists(ref.name)) add('route', route, field, `the backend Service "${ref.name}" is not applied with the route nor created by Flagger`);
        else if (ref.port !== undefined && !servesPort(servicePorts(ref.name), { number: ref.port })) add('route', route, `${field}/port`, `the Service "${ref.name}" does not serve port ${ref.port}`);
      });
      if (refs.length && refs.every(ref => ref.weight === 0)) add('route', route, `/spec/rules/${r}/backendRefs`, 'every backend has weight 0: the rule answers 500 to every request');
    });
  }

  for (const hpa of objects.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const target = objects.find(o => o.kind === ref.kind && o.metadata?.name === ref.name && o.metadata?.namespace === hpa.metadata?.namespace);
    if (!target) add('autoscaler', hpa, '/spec/scaleTargetRef', `the target ${ref.kind} "${ref.name}" is not applied with the HPA`);
    else if (target.spec?.replicas !== undefined) {
      add('autoscaler', target, '/spec/replicas', `the HPA ${hpa.metadata?.name} scales it: leave replicas out, or every apply resets the HPA's count`);
    }
  }

  for (const pdb of objects.filter(o => o.kind === 'PodDisruptionBudget')) {
    const selector: Selector = pdb.spec?.selector ?? {};
    if (!podSets.some(p => (p.ns === undefined || p.ns === pdb.metadata?.namespace) && selects(selector, p.labels))) {
      add('disruption-budget', pdb, '/spec/selector', 'the selector matches no pods of a workload applied with it (nor a Flagger primary)');
    }
  }

  for (const o of objects) {
    const owner = flagger.owned.get(`${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);
    if (owner) add('flagger-owned', o, '/metadata/name', `Flagger creates this object for ${owner}; applying it too makes Flux and Flagger fight over it`);
  }
  return out;
}

/** What Flagger will create for the Canaries among `objects`. */
function flaggerView(objects: any[]): FlaggerView {
  const owned = new Map<string, string>();
  const servicePorts = new Map<string, number[]>();
  const primaryPods: Array<Record<string, string>> = [];
  for (const c of objects.filter(o => o.kind === 'Canary' && o.apiVersion?.startsWith('flagger.app/'))) {
    const ns = c.metadata?.namespace ?? '';
    const who = `Canary ${c.metadata?.name}`;
    const target = c.spec?.targetRef?.name;
    const apex = c.spec?.service?.name ?? target;
    const own = (kind: string, name: string) => owned.set(`${kind}/${ns}/${name}`, who);
    own(c.spec?.targetRef?.kind ?? 'Deployment', `${target}-primary`);
    for (const name of [apex, `${apex}-primary`, `${apex}-canary`]) {
      own('Service', name);
      servicePorts.set(name, [c.spec?.service?.port]);
    }
    if (c.spec?.autoscalerRef?.name) own('HorizontalPodAutoscaler', `${c.spec.autoscalerRef.name}-primary`);
    const facts = PROVIDERS[c.spec?.provider as CanaryProviderType];
    for (const r of facts?.routingObjects(apex, c.spec?.ingressRef?.name ?? apex) ?? []) own(r.kind, r.name);
    const workload = objects.find(o => o.kind === (c.spec?.targetRef?.kind ?? 'Deployment') && o.metadata?.name === target && (o.metadata?.namespace ?? '') === ns);
    const labels: Record<string, string> = workload?.spec?.template?.metadata?.labels;
    const key = FLAGGER_SELECTOR_LABELS.find(k => workload?.spec?.selector?.matchLabels?.[k] !== undefined);
    if (labels && key) primaryPods.push({ ...labels, [key]: `${labels[key]}-primary` });
  }
  return { owned, servicePorts, primaryPods };
}

/** Whether `selector` selects pods labelled `labels`. */
export function selects(selector: Selector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(e => {
    switch (e.operator) {
      case 'In': return (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return e.key in labels;
      case 'DoesNotExist': return !(e.key in labels);
      default: return false;
    }
  });
  return byLabels && byExpressions;
}

/** Whether a Service with `ports` serves the Ingress/route backend port (`number` or `name`). */
function servesPort(ports: Array<{ port: number; name?: string }>, port: { number?: number; name?: string } | undefined): boolean {
  if (!port) return true;
  return ports.some(p => (port.number !== undefined && p.port === port.number) || (port.name !== undefined && p.name === port.name));
}
