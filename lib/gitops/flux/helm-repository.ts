import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Check } from '../../core/check';
import { propError } from '../../core/errors';

/**
 * Props of a Flux `HelmRepository` (source.toolkit.fluxcd.io/v1).
 */
export interface FluxHelmRepositoryProps {
  /** The HelmRepository's name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default "flux-system"
   */
  readonly namespace?: string;
  /** The chart repository URL: `https://...` (an index), or `oci://...` (then `oci` must be true). */
  readonly url: string;
  /**
   * The repository is an OCI registry (prefer `FluxOciRepository` for OCI charts).
   *
   * @default false
   */
  readonly oci?: boolean;
  /**
   * How often the index is fetched.
   *
   * @default "1h"
   */
  readonly interval?: string;
  /**
   * A Secret with the credentials.
   *
   * @default - a public repository
   */
  readonly secretName?: string;
}

/**
 * A Flux `HelmRepository`: an index of Helm charts that `FluxHelmRelease`s install from.
 */
export class FluxHelmRepository extends ApiObject {
  /** apiVersion of the objects this construct defines. */
  public static readonly API_VERSION = 'source.toolkit.fluxcd.io/v1';
  /** kind of the objects this construct defines. */
  public static readonly KIND = 'HelmRepository';

  /** The repository name. */
  public readonly repositoryName: string;
  /** The repository namespace. */
  public readonly repositoryNamespace: string;

  public constructor(scope: Construct, id: string, props: FluxHelmRepositoryProps) {
    super(scope, id, {
      apiVersion: FluxHelmRepository.API_VERSION,
      kind: FluxHelmRepository.KIND,
      metadata: { name: props.name, namespace: props.namespace ?? 'flux-system' },
      spec: {
        type: props.oci ? 'oci' : undefined,
        url: props.url,
        interval: props.interval ?? '1h',
        secretRef: props.secretName ? { name: props.secretName } : undefined,
      },
    });
    this.repositoryName = props.name;
    this.repositoryNamespace = props.namespace ?? 'flux-system';
    Check.dns1123Subdomain(this, 'name', props.name, 63);
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    const scheme = props.oci ? /^oci:\/\/\S+$/ : /^https?:\/\/\S+$/;
    if (typeof props.url !== 'string' || !scheme.test(props.url)) {
      throw propError(this, 'url', props.url, props.oci ? 'an OCI repository URL starts with oci://' : 'a Helm repository URL starts with https:// or http:// (set oci: true for oci://)');
    }
    Check.fluxDuration(this, 'interval', props.interval);
    if (props.secretName !== undefined) Check.dns1123Subdomain(this, 'secretName', props.secretName);
  }
}
