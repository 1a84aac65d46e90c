/** Props of how Prometheus (through the prometheus-operator) scrapes an app. */

/** The prometheus-operator object that tells Prometheus to scrape the app. */
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
}

/**
 * A ServiceMonitor or PodMonitor `<name>` (monitoring.coreos.com/v1) on the
 * app's metrics port. Each pod is scraped once, whatever the strategy. The
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
   * How often Prometheus scrapes (e.g. "30s").
   *
   * @default - the Prometheus's scrape interval
   */
  readonly interval?: string;
  /**
   * How long one scrape may take (at most `interval`).
   *
   * @default - the Prometheus's scrape timeout
   */
  readonly scrapeTimeout?: string;
  /**
   * ServiceMonitor or PodMonitor. Argo Rollouts apps take a PodMonitor only:
   * a ServiceMonitor would scrape their stable pods twice between releases
   * (through the stable and the canary or preview Service), and through the
   * stable or active Service alone it would miss the new pods the analysis
   * measures.
   *
   * @default MonitorKind.SERVICE_MONITOR (Argo Rollouts apps: MonitorKind.POD_MONITOR)
   */
  readonly kind?: MonitorKind;
  /**
   * Labels of the monitor, e.g. those the Prometheus's `serviceMonitorSelector` or `podMonitorSelector` wants.
   *
   * @default - the app's labels only
   */
  readonly labels?: Record<string, string>;
}
