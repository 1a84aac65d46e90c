/**
 * The app bundles the benchmark synthesizes: one per strategy, each with every
 * object the strategy can emit (ConfigMap, HPA, PDB, Ingress, ...). Props
 * depend on the app name only, so the floor can rebuild the same objects from
 * a template (see floor.ts).
 *
 * Strategies are looked up by class name in `lib/index.ts` at run time, so the
 * harness runs (and type-checks) while some of them do not exist yet.
 */
import { Construct } from 'constructs';
import * as lib from '../lib';

/** One strategy bundle. */
export interface Scenario {
  /** The exported class, e.g. `RollingApp`. */
  readonly name: string;
  /** What one app emits, for the table. */
  readonly objects: string;
  /**
   * Defines the app `name` in `scope` (an AppChart, or a plain Chart);
   * `tag` replaces the image tag of the CanaryApp bundle (the diff benchmark's release).
   */
  define(scope: Construct, name: string, tag?: string): void;
}

/** Exports of lib/index.ts by name (strategies that may not exist yet). */
const exported = lib as unknown as Record<string, any>;

/** Config files that do not depend on the app name (their checksum is the same for every app). */
const CONFIG = { 'application.yaml': 'server:\n  port: 8080\nmanagement:\n  endpoints:\n    web:\n      exposure:\n        include: health,prometheus\n' };

/** The version props of one track. */
function version(name: string, tag: string, extra: Record<string, unknown> = {}) {
  return { image: `registry.example.com/shop/${name}:${tag}`, env: { LOG_LEVEL: 'info', SPRING_PROFILES_ACTIVE: 'prod' }, configFiles: CONFIG, ...extra };
}

/** The props every strategy shares: Ingress, HPA, PDB, probes, resources. */
function common(name: string) {
  return {
    name,
    port: 8080,
    partOf: 'shop',
    readiness: lib.Probe.http('/actuator/health/readiness', { periodSeconds: 5 }),
    liveness: lib.Probe.http('/actuator/health/liveness', { initialDelaySeconds: 30, periodSeconds: 15 }),
    resources: { cpuRequest: '200m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
    autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilization: 75 },
    disruptionBudget: { enabled: true, maxUnavailable: lib.CountOrPercent.count(1) },
    ingress: { className: 'nginx', hosts: [`${name}.bench.example.com`], tlsSecretName: 'bench-wildcard-tls' },
  };
}

/** The props of the MetricTemplate `<name>-error-rate` of the Flagger bundles: the share of 5xx responses. */
function errorRateTemplate(name: string) {
  const pods = 'kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"';
  return {
    name: `${name}-error-rate`,
    provider: exported.MetricProviderType?.PROMETHEUS,
    address: 'http://prometheus.monitoring:9090',
    query: `100 * sum(rate(http_request_duration_seconds_count{${pods},status=~"5.."}[{{ interval }}]))`
      + ` / sum(rate(http_request_duration_seconds_count{${pods}}[{{ interval }}]))`,
  };
}

/** Every bundle the benchmark knows, in table order. */
const ALL: Array<Scenario & { readonly className: string; props(name: string, tag?: string): Record<string, unknown> }> = [
  {
    name: 'CanaryApp',
    className: 'CanaryApp',
    objects: 'Deployment, Canary, Ingress, ConfigMap, HPA, PDB, MetricTemplate, Flux Kustomization',
    props: (name, tag = '1.4.2') => ({
      ...common(name),
      ...version(name, tag),
      provider: exported.CanaryProvider?.nginx(),
      analysis: {
        interval: '1m',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        hasSteadyTraffic: true,
        metrics: [exported.Metric?.requestSuccessRate({ minPercent: 99 }), exported.Metric?.requestDuration({ maxMilliseconds: 500 })],
      },
    }),
    define(scope, name, tag) {
      const props = this.props(name, tag);
      const errorRate = new exported.MetricTemplate(scope, 'error-rate', errorRateTemplate(name));
      const analysis = props.analysis as { metrics: unknown[] };
      new exported[this.className](scope, name, { ...props, analysis: { ...analysis, metrics: [...analysis.metrics, exported.Metric.fromTemplate(errorRate, { max: 1 })] } });
    },
  },
  {
    name: 'RollingApp',
    className: 'RollingApp',
    objects: 'Deployment, Service, Ingress, ConfigMap, HPA, PDB, Flux Kustomization',
    props: name => ({
      ...common(name),
      ...version(name, '1.4.2'),
      strategy: lib.DeploymentStrategy.rollingUpdate({ maxSurge: lib.CountOrPercent.count(1), maxUnavailable: lib.CountOrPercent.count(0) }),
      minReadySeconds: 5,
    }),
    define(scope, name) { new exported[this.className](scope, name, this.props(name)); },
  },
  {
    name: 'BlueGreenApp',
    className: 'BlueGreenApp',
    objects: '2 Deployments, 2 ConfigMaps, 2 HPAs, 2 PDBs, 2 Services, 2 Ingresses (preview), Flux Kustomization',
    props: name => ({
      ...common(name),
      blue: version(name, '1.4.2'),
      green: version(name, '1.5.0'),
      active: exported.Color?.BLUE,
      previewHosts: [`${name}-preview.bench.example.com`],
    }),
    define(scope, name) { new exported[this.className](scope, name, this.props(name)); },
  },
  {
    name: 'ReplicaCanaryApp',
    className: 'ReplicaCanaryApp',
    objects: '2 Deployments, 2 ConfigMaps, Service, Ingress, HPA, 2 PDBs, Flux Kustomization',
    props: name => ({ ...common(name), stable: version(name, '1.4.2'), canary: version(name, '1.5.0', { replicas: 1 }) }),
    define(scope, name) { new exported[this.className](scope, name, this.props(name)); },
  },
  {
    name: 'NginxCanaryApp',
    className: 'NginxCanaryApp',
    objects: '2 Deployments, 2 ConfigMaps, 2 Services, 2 Ingresses, 2 HPAs, 2 PDBs, Flux Kustomization',
    props: name => ({
      ...common(name),
      stable: version(name, '1.4.2'),
      canary: version(name, '1.5.0'),
      routing: exported.CanaryRouting?.weight(10),
    }),
    define(scope, name) { new exported[this.className](scope, name, this.props(name)); },
  },
  {
    name: 'FlaggerBlueGreenApp',
    className: 'FlaggerBlueGreenApp',
    objects: 'Deployment, Canary (blue/green), Ingress, ConfigMap, HPA, PDB, MetricTemplate, Flux Kustomization',
    props: name => ({
      ...common(name),
      ...version(name, '1.4.2'),
      analysis: { interval: '1m', threshold: 2, iterations: 10, hasSteadyTraffic: true, metrics: [exported.Metric?.requestSuccessRate({ minPercent: 99 })] },
    }),
    define(scope, name) {
      const props = this.props(name);
      const errorRate = new exported.MetricTemplate(scope, 'error-rate', errorRateTemplate(name));
      const analysis = props.analysis as { metrics: unknown[] };
      new exported[this.className](scope, name, { ...props, analysis: { ...analysis, metrics: [...analysis.metrics, exported.Metric.fromTemplate(errorRate, { max: 1 })] } });
    },
  },
];

/** The bundles whose class is exported by lib/index.ts now. */
export function availableScenarios(): Scenario[] {
  return ALL.filter(s => typeof exported[s.className] === 'function');
}

/** The bundles not exported yet (listed in the report). */
export function missingScenarios(): string[] {
  return ALL.filter(s => typeof exported[s.className] !== 'function').map(s => s.name);
}

/** A bundle by name; throws when it is not exported. */
export function scenario(name: string): Scenario {
  const found = availableScenarios().find(s => s.name === name);
  if (!found) throw new Error(`unknown or not yet exported strategy '${name}' (known: ${ALL.map(s => s.name).join(', ')})`);
  return found;
}

/** The name of app `i` (all names have the same length). */
export function appName(i: number): string {
  return `app-${String(i).padStart(5, '0')}`;
}
