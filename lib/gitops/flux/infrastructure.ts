/**
 * The infrastructure layer of one cluster, as Flux installs it: Flagger (with
 * its CRDs, provider and metrics server), a cluster-wide loadtester, a
 * Prometheus and the Gateway API CRDs, each only when asked for or when the
 * cluster's apps need it. Internal: `GitOpsLayout` drives it.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Check } from '../../core/check';
import { ClusterNeeds } from '../../core/delivery-hints';
import { propError } from '../../core/errors';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../../core/labels';
import { FluxGitRepository } from './git-repository';
import { FluxHelmRelease, HelmChartSource } from './helm-release';
import { FluxHelmRepository } from './helm-repository';
import { InfrastructureProps } from './infrastructure-props';
import { FluxDeletionPolicy, FluxKustomization, FluxSourceKind } from './kustomization';
import { FluxOciRepository } from './oci-repository';

/** The pinned versions, in step with the CRDs the library validates against. */
const FLAGGER_VERSION = '1.44.0';
const LOADTESTER_VERSION = '0.38.0';
const GATEWAY_API_VERSION = 'v1.6.1';
/** The Kustomization that installs the controllers. */
export const CONTROLLERS_UNIT = 'infra-controllers';
/** The Kustomization that applies the Gateway API CRDs. */
export const GATEWAY_API_UNIT = 'infra-gateway-api';
/**
 * What the Gateway API GitRepository fetches: the standard CRDs, without the
 * ValidatingAdmissionPolicy beside them (it needs Kubernetes 1.30).
 */
const GATEWAY_API_IGNORE = ['/*', '!/config/', '/config/*', '!/config/crd/', '/config/crd/*', '!/config/crd/standard/', '/config/crd/standard/*VAP*', '/config/crd/standard/*vap*'].join('\n');

/** What a cluster's infrastructure is made of. */
export interface ClusterInfrastructure {
  /** The folder of the controllers, relative to the output folder (undefined without controllers). */
  readonly controllersFolder?: string;
  /** The objects of the controllers folder. */
  readonly controllers: any[];
  /** The Flux objects of the cluster folder (sources and Kustomizations). */
  readonly clusterObjects: any[];
  /** The Kustomizations every app of the cluster depends on. */
  readonly appDependencies: string[];
}

/** What the apps of one cluster need, merged. */
export interface ClusterUse {
  /** Some app uses Flagger. */
  flagger: boolean;
  /** The Flagger providers the apps route through. */
  readonly flaggerProviders: Set<string>;
  /** Some app uses Gateway API routes (its own, or Flagger's). */
  gatewayApi: boolean;
}

/** Merges what one app folder needs into `use`. */
export function addNeeds(use: ClusterUse, needs: ClusterNeeds | undefined): void {
  use.flagger ||= needs?.flagger ?? false;
  use.gatewayApi ||= needs?.gatewayApi ?? false;
  for (const p of (needs?.flaggerProvider ?? '').split(',').filter(Boolean)) use.flaggerProviders.add(p);
}

/** Checks the infrastructure props (once, for the layout). */
export function checkInfrastructure(where: string, props: InfrastructureProps = {}): void {
  const versions: Array<[string, string | undefined, RegExp]> = [
    ['infrastructure.flagger.version', props.flagger?.version, /^[0-9]+\.[0-9]+\.[0-9]+$/],
    ['infrastructure.loadTester.version', props.loadTester?.version, /^[0-9]+\.[0-9]+\.[0-9]+$/],
    ['infrastructure.gatewayApiCrds.version', props.gatewayApiCrds?.version, /^v[0-9]+\.[0-9]+\.[0-9]+$/],
  ];
  for (const [prop, value, pattern] of versions) {
    if (value !== undefined && (typeof value !== 'string' || !pattern.test(value))) throw propError(where, prop, value, `pin one version such as "${prop.includes('gateway') ? GATEWAY_API_VERSION : '1.2.3'}"`);
  }
  if (props.flagger?.namespace !== undefined) Check.dns1123Label(where, 'infrastructure.flagger.namespace', props.flagger.namespace);
  Check.httpUrl(where, 'infrastructure.flagger.metricsServer', props.flagger?.metricsServer);
  if (props.prometheus?.install && props.flagger?.metricsServer !== undefined) {
    throw propError(where, 'infrastructure.flagger.metricsServer', props.flagger.metricsServer, 'the bundled Prometheus (prometheus.install) is Flagger\'s metrics server; set one or the other');
  }
}

/**
 * The infrastructure of cluster `cluster` for apps that use `use`:
 * `infrastructure/<cluster>/controllers/` applied by the Kustomization
 * `infra-controllers` (waits for its HelmReleases), and the Gateway API CRDs
 * applied by `infra-gateway-api` from the upstream repository.
 */
export function clusterInfrastructure(cluster: string, use: ClusterUse, props: InfrastructureProps, flux: { namespace: string; source: string; repositoryPath: string }): ClusterInfrastructure {
  const none: ClusterInfrastructure = { controllers: [], clusterObjects: [], appDependencies: [] };
  if (props.enabled === false) return none;
  const flagger = props.flagger?.install ?? use.flagger;
  const loadTester = props.loadTester?.install ?? flagger;
  const prometheus = props.prometheus?.install ?? false;
  const gatewayApi = props.gatewayApiCrds?.install ?? false;
  const namespace = props.flagger?.namespace ?? 'flagger-system';
  const clusterChart = new Chart(new App({ outdir: '.' }), `${cluster}-infrastructure`, { disableResourceNameHashes: true });
  const dependencies: string[] = [];
  const labels = { [MANAGED_BY_LABEL]: MANAGED_BY };

  if (gatewayApi) {
    const version = props.gatewayApiCrds?.version ?? GATEWAY_API_VERSION;
    new FluxGitRepository(clusterChart, 'GatewayApiSource', {
      name: 'gateway-api', namespace: flux.namespace, url: 'https://github.com/kubernetes-sigs/gateway-api', tag: version, interval: '24h',
      sparseCheckout: ['config/crd/standard'], ignore: GATEWAY_API_IGNORE,
    });
    new FluxKustomization(clusterChart, 'GatewayApi', {
      name: GATEWAY_API_UNIT, namespace: flux.namespace, path: './config/crd/standard', prune: true, wait: true,
      sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'gateway-api' }, interval: '1h', retryInterval: '1m', timeout: '5m',
      // deleting CRDs deletes every route: keep them when the Kustomization goes
      deletionPolicy: FluxDeletionPolicy.ORPHAN, labels,
    });
    dependencies.push(GATEWAY_API_UNIT);
  }

  const controllersChart = new Chart(new App({ outdir: '.' }), `${cluster}-controllers`, { disableResourceNameHashes: true });
  if (flagger || loadTester || prometheus) {
    new k8s.KubeNamespace(controllersChart, 'Namespace', { metadata: { name: namespace, labels, annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' } } });
  }
  if (flagger || prometheus) {
    const chart = new FluxOciRepository(controllersChart, 'FlaggerChart', {
      name: 'flagger', namespace, url: 'oci://ghcr.io/fluxcd/charts/flagger', tag: props.flagger?.version ?? FLAGGER_VERSION, helmChart: true, interval: '12h',
    });
    const providers = [...use.flaggerProviders].sort();
    const values = definedValues({
      // every Canary names its provider; the controller default matters only for Canaries that do not
      meshProvider: providers.length === 1 ? providers[0] : undefined,
      metricsServer: props.flagger?.metricsServer,
      prometheus: prometheus ? { install: true } : undefined,
      ...props.flagger?.values,
    });
    new FluxHelmRelease(controllersChart, 'Flagger', {
      name: 'flagger', namespace, releaseName: 'flagger', chart: HelmChartSource.fromOciRepository(chart), interval: '12h', values,
    });
  }
  if (loadTester) {
    const repository = new FluxHelmRepository(controllersChart, 'FlaggerCharts', { name: 'flagger', namespace, url: 'https://flagger.app', interval: '12h' });
    new FluxHelmRelease(controllersChart, 'LoadTester', {
      name: 'flagger-loadtester', namespace, releaseName: 'flagger-loadtester',
      chart: HelmChartSource.fromHelmRepository(repository, 'loadtester', props.loadTester?.version ?? LOADTESTER_VERSION), interval: '12h',
    });
  }
  const controllers = controllersChart.toJson();
  const controllersFolder = controllers.length ? `infrastructure/${cluster}/controllers` : undefined;
  if (controllersFolder) {
    new FluxKustomization(clusterChart, 'Controllers', {
      name: CONTROLLERS_UNIT, namespace: flux.namespace, path: `${flux.repositoryPath}/${controllersFolder}`, prune: true, wait: true,
      sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: flux.source }, interval: '1h', retryInterval: '1m', timeout: '10m',
      dependsOn: gatewayApi ? [{ name: GATEWAY_API_UNIT }] : undefined, labels,
    });
    dependencies.push(CONTROLLERS_UNIT);
  }
  return { controllersFolder, controllers, clusterObjects: clusterChart.toJson(), appDependencies: dependencies };
}

/** `values` without undefined entries, or undefined when none is left (no empty `values: {}`). */
function definedValues(values: Record<string, unknown>): Record<string, unknown> | undefined {
  const defined = Object.entries(values).filter(([, v]) => v !== undefined);
  return defined.length ? Object.fromEntries(defined) : undefined;
}
