/** How an Ingress path matches. */
export enum PathType {
  /** Path prefix split on '/'. */
  PREFIX = 'Prefix',
  /** The exact path. */
  EXACT = 'Exact',
  /** Up to the IngressClass. */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * An Ingress in front of the app's Service.
 */
export interface IngressProps {
  /**
   * Host names the Ingress serves.
   *
   * @default - every host
   */
  readonly hosts?: string[];
  /**
   * The path routed to the app.
   *
   * @default "/"
   */
  readonly path?: string;
  /**
   * How the path matches.
   *
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /**
   * The IngressClass.
   *
   * @default - the cluster's default class
   */
  readonly className?: string;
  /**
   * A TLS Secret for the hosts.
   *
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
  /**
   * Annotations on the Ingress.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}
