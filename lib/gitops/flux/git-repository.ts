import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { propError } from '../../core/errors';
import { Check } from '../../core/check';
import { acceptNullPrototypes } from '../../core/plain-objects';

/**
 * Props of a Flux `GitRepository` (source.toolkit.fluxcd.io/v1).
 */
export interface FluxGitRepositoryProps {
  /** The GitRepository's name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default "flux-system"
   */
  readonly namespace?: string;
  /** The repository URL: `https://...`, `http://...` or `ssh://git@host/...` (no scp syntax). */
  readonly url: string;
  /**
   * The branch to follow.
   *
   * @default "main" (when no tag, semver or commit is given)
   */
  readonly branch?: string;
  /**
   * A tag to check out.
   *
   * @default - none
   */
  readonly tag?: string;
  /**
   * A semver range of tags to follow.
   *
   * @default - none
   */
  readonly semver?: string;
  /**
   * A commit SHA to check out.
   *
   * @default - none
   */
  readonly commit?: string;
  /**
   * How often the repository is fetched.
   *
   * @default "1m"
   */
  readonly interval?: string;
  /**
   * Timeout of one fetch.
   *
   * @default - Flux's default (60s)
   */
  readonly timeout?: string;
  /**
   * A Secret with the credentials (username/password, bearerToken, or identity/known_hosts).
   *
   * @default - a public repository
   */
  readonly secretName?: string;
  /**
   * Paths to leave out of the artifact (.gitignore format; replaces Flux's defaults).
   *
   * @default - Flux's default exclusions
   */
  readonly ignore?: string;
  /**
   * Fetch only these folders of the repository (a sparse checkout).
   *
   * @default - the whole repository
   */
  readonly sparseCheckout?: string[];
  /**
   * Stop fetching.
   *
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux `GitRepository`: the source Flux fetches manifests from.
 */
export class FluxGitRepository extends ApiObject {
  /** apiVersion of the GitRepositories this construct defines. */
  public static readonly API_VERSION = 'source.toolkit.fluxcd.io/v1';
  /** kind of the GitRepositories this construct defines. */
  public static readonly KIND = 'GitRepository';

  public constructor(scope: Construct, id: string, props: FluxGitRepositoryProps) {
    const pinned = props.tag ?? props.semver ?? props.commit;
    super(scope, id, {
      apiVersion: FluxGitRepository.API_VERSION,
      kind: FluxGitRepository.KIND,
      metadata: { name: props.name, namespace: props.namespace ?? 'flux-system' },
      spec: {
        url: props.url,
        interval: props.interval ?? '1m',
        timeout: props.timeout,
        ref: {
          branch: props.branch ?? (pinned ? undefined : 'main'),
          tag: props.tag,
          semver: props.semver,
          commit: props.commit,
        },
        secretRef: props.secretName ? { name: props.secretName } : undefined,
        ignore: props.ignore,
        sparseCheckout: props.sparseCheckout,
        suspend: props.suspend,
      },
    });
    acceptNullPrototypes(this);
    Check.dns1123Subdomain(this, 'name', props.name);
    if (!/^(http|https|ssh):\/\/.+$/.test(props.url)) {
      throw propError(this, 'url', props.url, 'use an http://, https:// or ssh:// URL (Flux does not accept scp syntax such as git@host:repo; write ssh://git@host/repo)');
    }
    Check.fluxDuration(this, 'interval', props.interval);
    Check.fluxDuration(this, 'timeout', props.timeout);
    // source-controller resolves the commit as a full hash: an abbreviated one is padded with zeros and never found
    if (props.commit !== undefined && !/^[0-9a-f]{40}$/.test(props.commit)) throw propError(this, 'commit', props.commit, 'a commit is the full 40-character SHA-1 in lowercase hex (source-controller does not resolve abbreviated hashes)');
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    if (props.secretName !== undefined) Check.dns1123Subdomain(this, 'secretName', props.secretName);
  }
}
