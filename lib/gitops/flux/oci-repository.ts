import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Check } from '../../core/check';
import { propError } from '../../core/errors';

/** The media type of a Helm chart's layer in an OCI artifact. */
const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

/**
 * Props of a Flux `OCIRepository` (source.toolkit.fluxcd.io/v1; source-controller v1.6+).
 */
export interface FluxOciRepositoryProps {
  /** The OCIRepository's name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default "flux-system"
   */
  readonly namespace?: string;
  /** The artifact URL, e.g. `oci://ghcr.io/fluxcd/charts/flagger`. */
  readonly url: string;
  /**
   * The tag to pull (set this or `semver`).
   *
   * @default - the `semver` range
   */
  readonly tag?: string;
  /**
   * A semver range of tags to follow (set this or `tag`).
   *
   * @default - the `tag`
   */
  readonly semver?: string;
  /**
   * The artifact is a Helm chart: select its chart layer (for `FluxHelmRelease` chart references).
   *
   * @default false
   */
  readonly helmChart?: boolean;
  /**
   * How often the registry is checked.
   *
   * @default "1h"
   */
  readonly interval?: string;
  /**
   * A Secret (dockerconfigjson) with the registry credentials.
   *
   * @default - a public artifact
   */
  readonly secretName?: string;
}

/**
 * A Flux `OCIRepository`: an OCI artifact (manifests or a Helm chart) Flux pulls.
 */
export class FluxOciRepository extends ApiObject {
  /** apiVersion of the objects this construct defines. */
  public static readonly API_VERSION = 'source.toolkit.fluxcd.io/v1';
  /** kind of the objects this construct defines. */
  public static readonly KIND = 'OCIRepository';

  /** The repository name. */
  public readonly repositoryName: string;
  /** The repository namespace. */
  public readonly repositoryNamespace: string;
  /** Whether the artifact is a Helm chart (its chart layer selected). */
  public readonly helmChart: boolean;

  public constructor(scope: Construct, id: string, props: FluxOciRepositoryProps) {
    super(scope, id, {
      apiVersion: FluxOciRepository.API_VERSION,
      kind: FluxOciRepository.KIND,
      metadata: { name: props.name, namespace: props.namespace ?? 'flux-system' },
      spec: {
        interval: props.interval ?? '1h',
        url: props.url,
        ref: { tag: props.tag, semver: props.semver },
        layerSelector: props.helmChart ? { mediaType: HELM_CHART_LAYER, operation: 'copy' } : undefined,
        secretRef: props.secretName ? { name: props.secretName } : undefined,
      },
    });
    this.repositoryName = props.name;
    this.repositoryNamespace = props.namespace ?? 'flux-system';
    this.helmChart = props.helmChart ?? false;
    Check.dns1123Subdomain(this, 'name', props.name, 63);
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    if (typeof props.url !== 'string' || !/^oci:\/\/\S+$/.test(props.url)) throw propError(this, 'url', props.url, 'an OCI artifact URL starts with oci://');
    if ((props.tag === undefined) === (props.semver === undefined)) {
      throw propError(this, 'tag', { tag: props.tag, semver: props.semver }, 'set exactly one of tag (pinned, recommended) and semver');
    }
    if (props.tag !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(props.tag)) throw propError(this, 'tag', props.tag, 'an OCI tag is letters, digits, "_", "." and "-" (at most 128)');
    Check.fluxDuration(this, 'interval', props.interval);
    if (props.secretName !== undefined) Check.dns1123Subdomain(this, 'secretName', props.secretName);
  }
}
