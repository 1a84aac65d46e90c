/**
 * What a NetworkPolicy, a ServiceMonitor or a PodMonitor selects and admits,
 * computed from synthesized objects, so tests check the wiring by its effect
 * (which pods, from where, on which port) rather than by its shape.
 */

const NAME = 'app.kubernetes.io/name';
const NAMESPACE_NAME = 'kubernetes.io/metadata.name';

/** Whether a Kubernetes label selector selects `labels` (a missing selector selects nothing). */
export function selects(selector: any, labels: Record<string, string> = {}): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e: any) => {
    switch (e.operator) {
      case 'In': return e.key in labels && e.values.includes(labels[e.key]);
      case 'NotIn': return !(e.key in labels) || !e.values.includes(labels[e.key]);
      case 'Exists': return e.key in labels;
      case 'DoesNotExist': return !(e.key in labels);
      default: throw new Error(`operator ${e.operator}`);
    }
  });
  return byLabels && byExpressions;
}

/** The pod label sets of the Deployments in `objects`, with the copy Flagger makes of each Canary target (`<name>-primary`). */
export function podLabelSets(objects: any[]): Array<Record<string, string>> {
  const targets = new Set(objects.filter(o => o.kind === 'Canary').map(o => o.spec.targetRef.name));
  return objects.filter(o => o.kind === 'Deployment' || o.kind === 'Rollout').flatMap(d => {
    const labels = d.spec.template.metadata.labels;
    return targets.has(d.metadata.name) ? [labels, { ...labels, [NAME]: `${labels[NAME]}-primary` }] : [labels];
  });
}

/** A pod somewhere in the cluster. */
export interface Pod {
  readonly namespace: string;
  readonly labels?: Record<string, string>;
}

/** Whether `policy` (in `policyNamespace`) lets `from` connect to its pods on the container port `port` (a name or a number). */
export function admits(policy: any, policyNamespace: string, from: Pod, port: string | number): boolean {
  return (policy.spec.ingress ?? []).some((rule: any) => peersMatch(rule.from, policyNamespace, from) && portsMatch(rule.ports, port));
}

/** Whether `policy` lets its pods connect to `to` on `port` with `protocol`. */
export function allowsOut(policy: any, policyNamespace: string, to: Pod, port: number, protocol = 'TCP'): boolean {
  return (policy.spec.egress ?? []).some((rule: any) => peersMatch(rule.to, policyNamespace, to)
    && (rule.ports === undefined || rule.ports.some((p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol)));
}

function peersMatch(peers: any[] | undefined, policyNamespace: string, pod: Pod): boolean {
  if (peers === undefined) return true;
  return peers.some(p => {
    if (p.ipBlock) return false;
    const namespaceOk = p.namespaceSelector ? selects(p.namespaceSelector, { [NAMESPACE_NAME]: pod.namespace }) : pod.namespace === policyNamespace;
    const podOk = p.podSelector ? selects(p.podSelector, pod.labels) : true;
    return namespaceOk && podOk;
  });
}

function portsMatch(ports: any[] | undefined, port: string | number): boolean {
  return ports === undefined || ports.some(p => p.port === port);
}

/** A Service as a monitor sees it: labels, selector and port names. */
export interface ServiceView {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly ports: string[];
}

/**
 * The Services of `objects`, plus those Flagger generates for each Canary:
 * `<svc>` and `<svc>-primary` select the primary pods, `<svc>-canary` the
 * target's; each is labelled `<label>: <its name>` and carries the main port,
 * and with portDiscovery every other port of the target's containers.
 */
export function serviceViews(objects: any[]): ServiceView[] {
  const views: ServiceView[] = objects.filter(o => o.kind === 'Service').map(s => ({
    name: s.metadata.name, labels: s.metadata.labels ?? {}, selector: s.spec.selector ?? {}, ports: s.spec.ports.map((p: any) => p.name),
  }));
  for (const c of objects.filter(o => o.kind === 'Canary')) {
    const target = objects.find(o => o.kind === 'Deployment' && o.metadata.name === c.spec.targetRef.name);
    const value = target.spec.selector.matchLabels[NAME];
    const apex = c.spec.service.name ?? c.spec.targetRef.name;
    const discovered = c.spec.service.portDiscovery ? target.spec.template.spec.containers.flatMap((k: any) => (k.ports ?? []).map((p: any) => p.name)) : [];
    const ports = [...new Set([c.spec.service.portName ?? 'http', ...discovered])];
    for (const [name, selected] of [[apex, `${value}-primary`], [`${apex}-primary`, `${value}-primary`], [`${apex}-canary`, value]]) {
      views.push({ name, labels: { [NAME]: name }, selector: { [NAME]: selected }, ports });
    }
  }
  return views;
}

/** The pod label sets of `objects` that carry a container port named `port`. */
export function podsWithPort(objects: any[], port: string): Array<Record<string, string>> {
  const carries = (d: any) => [...d.spec.template.spec.containers, ...d.spec.template.spec.initContainers ?? []].some((c: any) => (c.ports ?? []).some((p: any) => p.name === port));
  const withPort = new Set(objects.filter(o => (o.kind === 'Deployment' || o.kind === 'Rollout') && carries(o)).map(d => d.spec.template.metadata.labels[NAME]));
  return podLabelSets(objects).filter(l => withPort.has(l[NAME]) || withPort.has(l[NAME].replace(/-primary$/, '')));
}

/**
 * The Services through which a monitor scrapes each pod: for a ServiceMonitor,
 * the selected Services that carry its port and select the pod; for a
 * PodMonitor, the pod itself when selected.
 */
export function scrapesOf(objects: any[], monitor: any): Map<string, number> {
  const counts = new Map<string, number>();
  const pods = podLabelSets(objects);
  if (monitor.kind === 'PodMonitor') {
    const port = monitor.spec.podMetricsEndpoints[0].port;
    const carrying = new Set(podsWithPort(objects, port).map(l => JSON.stringify(l)));
    for (const l of pods) counts.set(JSON.stringify(l), selects(monitor.spec.selector, l) && carrying.has(JSON.stringify(l)) ? 1 : 0);
    return counts;
  }
  const port = monitor.spec.endpoints[0].port;
  const services = serviceViews(objects).filter(s => selects(monitor.spec.selector, s.labels) && s.ports.includes(port));
  for (const l of pods) counts.set(JSON.stringify(l), services.filter(s => Object.entries(s.selector).every(([k, v]) => l[k] === v)).length);
  return counts;
}
