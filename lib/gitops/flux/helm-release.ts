import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Check } from '../../core/check';
import { propError } from '../../core/errors';
import { FluxHelmRepository } from './helm-repository';
import { FluxOciRepository } from './oci-repository';

/** One chart version (semver, with an optional pre-release or build). */
const PINNED_VERSION = /^v?[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$/;

/** What Helm does with a chart's CRDs (the `crds/` folder) on install or upgrade. */
export enum HelmCrdPolicy {
  /** Leave them alone. */
  SKIP = 'Skip',
  /** Create missing ones, never update them. */
  CREATE = 'Create',
  /** Create missing ones and replace existing ones (keeps CRDs in step with the chart). */
  CREATE_REPLACE = 'CreateReplace',
}

/**
 * Where a `FluxHelmRelease` gets its chart: a chart of a `FluxHelmRepository`
 * at a version, or a chart published as an OCI artifact (`FluxOciRepository`).
 */
export class HelmChartSource {
  /** The chart `chart` at `version` (pin it) from the Helm repository `repository`. */
  public static fromHelmRepository(repository: FluxHelmRepository, chart: string, version: string): HelmChartSource {
    const where = `HelmChartSource ${repository.node.path}`;
    if (typeof chart !== 'string' || !/^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/.test(chart) || chart.length > 2048) {
      throw propError(where, 'chart', chart, 'a chart name of the repository\'s index, such as "loadtester"');
    }
    if (typeof version !== 'string' || !PINNED_VERSION.test(version)) {
      throw propError(where, 'version', version, 'pin the chart to one version such as "1.44.0" (a range installs whatever is newest)');
    }
    return new HelmChartSource({ spec: { chart, version, sourceRef: { kind: FluxHelmRepository.KIND, name: repository.repositoryName, namespace: repository.repositoryNamespace } } }, undefined, chart, version);
  }

  /** The chart the OCIRepository `repository` pulls (its tag pins the version); it must select the chart layer (`helmChart: true`). */
  public static fromOciRepository(repository: FluxOciRepository): HelmChartSource {
    if (!repository.helmChart) {
      throw propError(`HelmChartSource ${repository.node.path}`, 'helmChart', repository.helmChart, 'true: a HelmRelease needs the chart layer of the artifact; define the FluxOciRepository with helmChart: true');
    }
    return new HelmChartSource(undefined, { kind: FluxOciRepository.KIND, name: repository.repositoryName, namespace: repository.repositoryNamespace }, undefined, undefined);
  }

  private constructor(
    /** `spec.chart` of the release. @internal */
    public readonly _chart: any,
    /** `spec.chartRef` of the release. @internal */
    public readonly _chartRef: any,
    /** The chart name, for a Helm repository chart. */
    public readonly chart: string | undefined,
    /** The chart version, for a Helm repository chart. */
    public readonly version: string | undefined) {}
}

/**
 * Props of a Flux `HelmRelease` (helm.toolkit.fluxcd.io/v2; helm-controller v1.x).
 */
export interface FluxHelmReleaseProps {
  /** The HelmRelease's name. */
  readonly name: string;
  /**
   * Its namespace (where the release is installed unless `targetNamespace` is set).
   *
   * @default "flux-system"
   */
  readonly namespace?: string;
  /** The chart and its version. */
  readonly chart: HelmChartSource;
  /**
   * The Helm release name (keep it stable: Flux reinstalls when it changes).
   *
   * @default - the HelmRelease name
   */
  readonly releaseName?: string;
  /**
   * The namespace the chart's objects go to.
   *
   * @default - the HelmRelease's namespace
   */
  readonly targetNamespace?: string;
  /**
   * The chart's values.
   *
   * @default - the chart's defaults
   */
  readonly values?: Record<string, any>;
  /**
   * What Helm does with the chart's CRDs on install and upgrade.
   *
   * @default HelmCrdPolicy.CREATE_REPLACE
   */
  readonly crds?: HelmCrdPolicy;
  /**
   * Retries of a failed install or upgrade before Flux gives up (an upgrade is rolled back after the last).
   *
   * @default 3
   */
  readonly remediationRetries?: number;
  /**
   * How often the release is reconciled.
   *
   * @default "1h"
   */
  readonly interval?: string;
  /**
   * Timeout of each Helm operation.
   *
   * @default "5m"
   */
  readonly timeout?: string;
  /**
   * HelmReleases (in this namespace) installed first.
   *
   * @default - none
   */
  readonly dependsOn?: string[];
}

/**
 * A Flux `HelmRelease`: a Helm chart installed and kept up to date by Flux's
 * helm-controller, with remediation of failed installs and upgrades.
 */
export class FluxHelmRelease extends ApiObject {
  /** apiVersion of the objects this construct defines. */
  public static readonly API_VERSION = 'helm.toolkit.fluxcd.io/v2';
  /** kind of the objects this construct defines. */
  public static readonly KIND = 'HelmRelease';

  public constructor(scope: Construct, id: string, props: FluxHelmReleaseProps) {
    const crds = props.crds ?? HelmCrdPolicy.CREATE_REPLACE;
    const retries = props.remediationRetries ?? 3;
    super(scope, id, {
      apiVersion: FluxHelmRelease.API_VERSION,
      kind: FluxHelmRelease.KIND,
      metadata: { name: props.name, namespace: props.namespace ?? 'flux-system' },
      spec: {
        interval: props.interval ?? '1h',
        timeout: props.timeout ?? '5m',
        releaseName: props.releaseName,
        targetNamespace: props.targetNamespace,
        chart: props.chart?._chart,
        chartRef: props.chart?._chartRef,
        install: { crds, remediation: { retries } },
        upgrade: { crds, remediation: { retries, remediateLastFailure: true } },
        dependsOn: props.dependsOn?.map(name => ({ name })),
        values: props.values,
      },
    });
    Check.dns1123Subdomain(this, 'name', props.name, 63);
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    if (!(props.chart instanceof HelmChartSource)) throw propError(this, 'chart', props.chart, 'give the chart: HelmChartSource.fromHelmRepository(repo, chart, version) or HelmChartSource.fromOciRepository(repo)');
    if (props.releaseName !== undefined) {
      Check.dns1123Label(this, 'releaseName', props.releaseName);
      if (props.releaseName.length > 53) throw propError(this, 'releaseName', props.releaseName, 'Helm release names have at most 53 characters');
    }
    if (props.targetNamespace !== undefined) Check.dns1123Label(this, 'targetNamespace', props.targetNamespace);
    if (!Object.values(HelmCrdPolicy).includes(crds)) throw propError(this, 'crds', crds, `must be one of ${Object.values(HelmCrdPolicy).join(', ')}`);
    Check.int(this, 'remediationRetries', props.remediationRetries, 0);
    Check.fluxDuration(this, 'interval', props.interval);
    Check.fluxDuration(this, 'timeout', props.timeout);
    (props.dependsOn ?? []).forEach((d, i) => Check.dns1123Subdomain(this, `dependsOn[${i}]`, d, 63));
  }
}
