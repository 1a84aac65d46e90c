/**
 * How Prometheus scrapes the app: the ServiceMonitor or PodMonitor spec on
 * the app's metrics port, or the pods' scrape annotations, and the checks of
 * the `monitoring` props. Internal.
 */
import { k8s } from 'cdk8s-plus-28';
import { AppCommonProps } from './app-props';
import { Check } from './check';
import { propError, Where } from './errors';
import { MonitorKind, MonitoringProps } from './monitoring-props';
import { nameSelector } from './network-policy';

/** The prometheus-operator API of the monitors. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';
/** A prometheus-operator duration (its CRDs' pattern). */
const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const UNIT_MS: Record<string, number> = { y: 31536000000, w: 604800000, d: 86400000, h: 3600000, m: 60000, s: 1000, ms: 1 };

/** What the strategy tells the monitor about the Services and pods it scrapes. */
export interface MonitorWiring {
  /** Values of the name label on the app's pods. */
  readonly podNames: string[];
  /** Values of the name label on the Services a ServiceMonitor scrapes (each pod behind exactly one). */
  readonly serviceNames: string[];
  /** The port names those Services carry. */
  readonly servicePorts: string[];
  /** Why a port is missing from those Services, for the error message. */
  readonly servicePortsNote: string;
  /** Why no ServiceMonitor scrapes each pod exactly once, when none does. */
  readonly serviceMonitorProblem?: string;
  /** Pod labels copied onto every target. */
  readonly podTargetLabels: string[];
}

/** The monitor's kind and the port it scrapes. */
export interface MonitorChoice {
  readonly kind: MonitorKind;
  readonly port: string;
}

/** The monitor's kind (`defaultKind` unless the props choose) and the port it scrapes. */
export function monitorOf(props: AppCommonProps, mainPort: string, defaultKind = MonitorKind.SERVICE_MONITOR): MonitorChoice {
  const m = props.monitoring ?? {};
  return { kind: m.kind ?? defaultKind, port: m.port ?? mainPort };
}

/** The spec of the ServiceMonitor or PodMonitor `monitor` of `m` for `w`. */
export function monitorSpec(m: MonitoringProps, monitor: MonitorChoice, w: MonitorWiring): Record<string, unknown> {
  const port = monitor.port;
  const endpoint = {
    port,
    path: m.path ?? '/metrics',
    interval: m.interval,
    scrapeTimeout: m.scrapeTimeout,
    // the labels Flagger's builtin metrics of the kubernetes and gatewayapi providers filter on
    relabelings: [
      { sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'kubernetes_namespace' },
      { sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'kubernetes_pod_name' },
    ],
  };
  const podTargetLabels = w.podTargetLabels.length ? [...w.podTargetLabels] : undefined;
  return monitor.kind === MonitorKind.SERVICE_MONITOR
    ? { selector: nameSelector(w.serviceNames), podTargetLabels, endpoints: [endpoint] }
    : { selector: nameSelector(w.podNames), podTargetLabels, podMetricsEndpoints: [endpoint] };
}

/** The annotations prefix of annotation-based scraping. */
const SCRAPE_ANNOTATION_PREFIX = 'prometheus.io/';

/** The `prometheus.io/*` annotations of a pod whose `spec` the props scrape by annotations, else none. */
export function scrapeAnnotations(props: AppCommonProps, mainPort: string, spec: k8s.PodSpec): Record<string, string> {
  const m = props.monitoring;
  if (m?.kind !== MonitorKind.POD_ANNOTATIONS) return {};
  const port = monitorOf(props, mainPort).port;
  const number = [...spec.containers, ...(spec.initContainers ?? [])].flatMap(c => c.ports ?? []).find(p => p.name === port)?.containerPort;
  return {
    [`${SCRAPE_ANNOTATION_PREFIX}scrape`]: 'true',
    [`${SCRAPE_ANNOTATION_PREFIX}port`]: String(number),
    [`${SCRAPE_ANNOTATION_PREFIX}path`]: m.path ?? '/metrics',
  };
}

/** Checks the `monitoring` props; `podPorts` are the port names of the app's pods. */
export function checkMonitoring(scope: Where, props: AppCommonProps, podPorts: string[], mainPort: string) {
  const m = props.monitoring;
  if (!m) return;
  if (m.kind !== undefined && !Object.values(MonitorKind).includes(m.kind)) throw propError(scope, 'monitoring.kind', m.kind, `must be one of ${Object.values(MonitorKind).join(', ')}`);
  const port = monitorOf(props, mainPort).port;
  if (!podPorts.includes(port)) throw propError(scope, 'monitoring.port', port, `must name a port of the app's pods: ${podPorts.join(', ')}`);
  if (m.kind === MonitorKind.POD_ANNOTATIONS) checkScrapeAnnotations(scope, props);
  if (m.path !== undefined && (typeof m.path !== 'string' || !m.path.startsWith('/'))) throw propError(scope, 'monitoring.path', m.path, 'metrics paths start with "/"');
  const interval = duration(scope, 'monitoring.interval', m.interval);
  const timeout = duration(scope, 'monitoring.scrapeTimeout', m.scrapeTimeout);
  if (interval !== undefined && timeout !== undefined && timeout > interval) {
    throw propError(scope, 'monitoring.scrapeTimeout', m.scrapeTimeout, `must not exceed monitoring.interval (${m.interval}): Prometheus refuses a scrape timeout longer than its interval`);
  }
  Check.labels(scope, 'monitoring.labels', m.labels);
}

/** Refuses what pod annotations cannot say, and pod annotations of the user's that scraping sets. */
function checkScrapeAnnotations(scope: Where, props: AppCommonProps) {
  const m = props.monitoring!;
  for (const key of ['interval', 'scrapeTimeout', 'labels'] as const) {
    if (m[key] !== undefined) throw propError(scope, `monitoring.${key}`, m[key], 'pod annotations have no such setting (the scrape config decides): leave it unset, or use MonitorKind.POD_MONITOR');
  }
  const taken = Object.keys(props.podAnnotations ?? {}).find(k => k.startsWith(SCRAPE_ANNOTATION_PREFIX));
  if (taken !== undefined) throw propError(scope, `podAnnotations.${taken}`, props.podAnnotations![taken], `monitoring (MonitorKind.POD_ANNOTATIONS) sets the ${SCRAPE_ANNOTATION_PREFIX}* annotations: leave them to it`);
}

/** Refuses a ServiceMonitor that would not scrape each pod exactly once, or on a port the scraped Services do not carry. */
export function checkMonitorWiring(scope: Where, monitor: MonitorChoice, w: MonitorWiring) {
  const { kind, port } = monitor;
  if (kind === MonitorKind.SERVICE_MONITOR && w.serviceMonitorProblem) {
    throw propError(scope, 'monitoring.kind', kind, `${w.serviceMonitorProblem}: use MonitorKind.POD_MONITOR (the default here)`);
  }
  if (kind === MonitorKind.SERVICE_MONITOR && !w.servicePorts.includes(port)) {
    throw propError(scope, 'monitoring.port', port, `a ServiceMonitor scrapes through the Services, which carry ${w.servicePorts.join(', ')} (${w.servicePortsNote}): use MonitorKind.POD_MONITOR or another port`);
  }
}

/** Milliseconds of a prometheus-operator duration. */
function duration(scope: Where, prop: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || !DURATION.test(value)) throw propError(scope, prop, value, 'must be a duration such as "30s", "1m" or "1m30s"');
  let ms = 0;
  for (const [, n, unit] of value.matchAll(/([0-9]+)(ms|y|w|d|h|m|s)/g)) ms += Number(n) * UNIT_MS[unit];
  return ms;
}
