/** Props of how Prometheus scrapes an app. */

/** How Prometheus learns to scrape the app. */
export enum MonitorKind {
  /**
   * A ServiceMonitor: scrapes the pods behind the app's Services (under
   * Flagger, `<name>-primary` and `<name>-canary`). Not for Argo Rollouts
   * apps: their controller switches the selectors of both Services, which
   * select the same stable pods between releases.
   */
  SERVICE_MONITOR = 'ServiceMonitor',
  /** A PodMonitor: scrapes the app's pods directly (under Flagger, `<name>` and `<name>-primary`; under Argo Rollouts, both versions' pods). */
  POD_MONITOR = 'PodMonitor',
  /**
   * No object: the pod annotations `prometheus.io/scrape`, `prometheus.io/port`
   * and `prometheus.io/path`, which an annotation-based scrape config reads
   * (the Prometheus bundled with the Flagger chart, the Prometheus community
   * chart's `kubernetes-pods` job). Needs no prometheus-operator CRDs; the
   * scrape interval and timeout are the scrape config's.
   */
  POD_ANNOTATIONS = 'PodAnnotations',
}

/**
 * A ServiceMonitor or PodMonitor `<name>` (monitoring.coreos.com/v1), or
 * scrape annotations on the pods, for the app's metrics port. Each pod is scraped once, whatever the strategy. The
 * targets also get the labels `kubernetes_namespace` and
 * `kubernetes_pod_name`, which Flagger's builtin metrics of the kubernetes
 * and gatewayapi providers filter on; under Argo Rollouts they keep the pod
 * label `rollouts-pod-template-hash` too (as `rollouts_pod_template_hash`),
 * which the builtin metrics of its AnalysisTemplates filter on.
 */
export interface MonitoringProps {
  /**
   * The name of the port that serves metrics: the main port, an extra port or a sidecar's.
   *
   * @default - the main port
   */
  readonly port?: string;
  /**
   * The HTTP path of the metrics.
   *
   * @default "/metrics"
   */
  readonly path?: string;
  /**
   * How often Prometheus scrapes (e.g. "30s"); not with pod annotations.
   *
   * @default - the Prometheus's scrape interval
   */
  readonly interval?: string;
  /**
   * How long one scrape may take (at most `interval`); not with pod annotations.
   *
   * @default - the Prometheus's scrape timeout
   */
  readonly scrapeTimeout?: string;
  /**
   * ServiceMonitor, PodMonitor or pod annotations. Argo Rollouts apps take no ServiceMonitor:
   * a ServiceMonitor would scrape their stable pods twice between releases
   * (through the stable and the canary or preview Service), and through the
   * stable or active Service alone it would miss the new pods the analysis
   * measures.
   *
   * @default MonitorKind.SERVICE_MONITOR (Argo Rollouts apps: MonitorKind.POD_MONITOR)
   */
  readonly kind?: MonitorKind;
  /**
   * Labels of the monitor, e.g. those the Prometheus's `serviceMonitorSelector` or `podMonitorSelector` wants; not with pod annotations.
   *
   * @default - the app's labels only
   */
  readonly labels?: Record<string, string>;
}
