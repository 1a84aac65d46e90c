/**
 * Flagger, installed by Flux from its Helm chart.
 */
export interface FlaggerInstallProps {
  /**
   * Install Flagger (with its CRDs).
   *
   * @default - when an app of the cluster uses Flagger
   */
  readonly install?: boolean;
  /**
   * The Flagger chart version (`oci://ghcr.io/fluxcd/charts/flagger`); keep it
   * in step with the Flagger CRDs the library validates against (v1.44.0).
   *
   * @default "1.44.0"
   */
  readonly version?: string;
  /**
   * The namespace Flagger (and the cluster's loadtester) run in.
   *
   * @default "flagger-system"
   */
  readonly namespace?: string;
  /**
   * The Prometheus URL of Flagger's builtin metrics (`-metrics-server`).
   *
   * @default - the bundled Prometheus when `prometheus.install` is set, else Flagger's default (http://prometheus:9090)
   */
  readonly metricsServer?: string;
  /**
   * More values of the chart.
   *
   * @default - none
   */
  readonly values?: Record<string, any>;
}

/**
 * A cluster-wide flagger-loadtester, installed by Flux from its Helm chart,
 * at `http://flagger-loadtester.<flagger namespace>/`.
 */
export interface LoadTesterInstallProps {
  /**
   * Install it.
   *
   * @default - when Flagger is installed
   */
  readonly install?: boolean;
  /**
   * The `loadtester` chart version (https://flagger.app).
   *
   * @default "0.38.0"
   */
  readonly version?: string;
}

/**
 * The Gateway API CRDs (standard channel), applied by Flux from the
 * kubernetes-sigs/gateway-api repository.
 */
export interface GatewayApiCrdsInstallProps {
  /**
   * Install them. Leave it off when your Gateway implementation installs them.
   *
   * @default false
   */
  readonly install?: boolean;
  /**
   * The Gateway API release tag.
   *
   * @default "v1.6.1"
   */
  readonly version?: string;
}

/**
 * A Prometheus for Flagger's metrics: the small one the Flagger chart bundles
 * (two hours of retention on an emptyDir: for trials and demos; point
 * `flagger.metricsServer` at your own Prometheus in production).
 */
export interface PrometheusInstallProps {
  /**
   * Install the Prometheus bundled with the Flagger chart.
   *
   * @default false
   */
  readonly install?: boolean;
}

/**
 * The infrastructure layer of each cluster: the controllers the apps need,
 * installed by Flux before them (the layout of Flux's kustomize-helm
 * example). Its Kustomizations wait for what they install, and every app
 * Kustomization of the cluster depends on them.
 */
export interface InfrastructureProps {
  /**
   * Emit the infrastructure layer.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Flagger.
   *
   * @default - installed when an app of the cluster uses Flagger
   */
  readonly flagger?: FlaggerInstallProps;
  /**
   * A cluster-wide flagger-loadtester.
   *
   * @default - installed with Flagger
   */
  readonly loadTester?: LoadTesterInstallProps;
  /**
   * The Gateway API CRDs.
   *
   * @default - not installed
   */
  readonly gatewayApiCrds?: GatewayApiCrdsInstallProps;
  /**
   * A Prometheus for Flagger's builtin metrics.
   *
   * @default - not installed
   */
  readonly prometheus?: PrometheusInstallProps;
}
