import { GatewayRef } from '../core/route-props';

/** The traffic providers Flagger routes canary traffic through. */
export enum CanaryProviderType {
  /** ingress-nginx (retired controller; legacy): a canary Ingress next to the app's Ingress. */
  NGINX = 'nginx',
  /** Istio: a VirtualService and DestinationRules. */
  ISTIO = 'istio',
  /** Linkerd: an SMI TrafficSplit. */
  LINKERD = 'linkerd',
  /** Kubernetes Gateway API v1: an HTTPRoute attached to Gateways. */
  GATEWAY_API = 'gatewayapi:v1',
  /** Contour: an HTTPProxy. */
  CONTOUR = 'contour',
  /** Traefik: a weighted TraefikService. */
  TRAEFIK = 'traefik',
  /** Plain Kubernetes Services: blue/green only, no traffic shifting. */
  KUBERNETES = 'kubernetes',
}

/**
 * An HTTP retry policy of the generated route.
 */
export interface RetryPolicy {
  /** Attempts per request. */
  readonly attempts: number;
  /**
   * Timeout of each attempt, e.g. `"5s"`.
   *
   * @default - the route timeout
   */
  readonly perTryTimeout?: string;
  /**
   * The conditions that trigger a retry, e.g. `"gateway-error,connect-failure"`.
   *
   * @default - the provider's default
   */
  readonly retryOn?: string;
}

/**
 * Options of the istio provider.
 */
export interface IstioProviderOptions {
  /**
   * Istio Gateways the generated VirtualService binds to (`<namespace>/<name>`,
   * or `mesh` for in-mesh traffic).
   *
   * @default - in-mesh traffic only
   */
  readonly gateways?: string[];
  /**
   * Host names the VirtualService serves.
   *
   * @default - the Service's in-cluster name
   */
  readonly hosts?: string[];
  /**
   * Retries of the generated route.
   *
   * @default - no retries
   */
  readonly retries?: RetryPolicy;
  /**
   * Request timeout of the generated route, e.g. `"30s"`.
   *
   * @default - no timeout
   */
  readonly timeout?: string;
}

/**
 * Options of the Gateway API provider.
 */
export interface GatewayApiProviderOptions {
  /** The Gateways the generated HTTPRoute attaches to (at least one). */
  readonly gatewayRefs: GatewayRef[];
  /**
   * Host names the HTTPRoute serves.
   *
   * @default - every host of the Gateways
   */
  readonly hosts?: string[];
  /**
   * Request timeout of the generated route, e.g. `"30s"`.
   *
   * @default - no timeout
   */
  readonly timeout?: string;
}

/**
 * Options of the contour provider.
 */
export interface ContourProviderOptions {
  /**
   * Retries of the generated route.
   *
   * @default - no retries
   */
  readonly retries?: RetryPolicy;
  /**
   * Request timeout of the generated route, e.g. `"30s"`.
   *
   * @default - no timeout
   */
  readonly timeout?: string;
}

/**
 * The ingress or mesh that shifts traffic between the primary and the canary,
 * with its routing options.
 */
export class CanaryProvider {
  /**
   * ingress-nginx: the app needs an Ingress (`ingress` props); Flagger adds
   * `<ingress>-canary`. Legacy: the ingress-nginx controller is retired; use
   * `gatewayApi()` with any Gateway API implementation.
   */
  public static nginx(): CanaryProvider {
    return new CanaryProvider(CanaryProviderType.NGINX, undefined, undefined, undefined, undefined, undefined);
  }

  /** Istio: Flagger generates a VirtualService `<name>` and DestinationRules. */
  public static istio(options: IstioProviderOptions = {}): CanaryProvider {
    return new CanaryProvider(CanaryProviderType.ISTIO, options.gateways, options.hosts, undefined, options.retries, options.timeout);
  }

  /** Linkerd: Flagger generates an SMI TrafficSplit `<name>`. */
  public static linkerd(): CanaryProvider {
    return new CanaryProvider(CanaryProviderType.LINKERD, undefined, undefined, undefined, undefined, undefined);
  }

  /** Gateway API v1: Flagger generates an HTTPRoute `<name>` attached to `gatewayRefs`. */
  public static gatewayApi(options: GatewayApiProviderOptions): CanaryProvider {
    return new CanaryProvider(CanaryProviderType.GATEWAY_API, undefined, options.hosts, options.gatewayRefs, undefined, options.timeout);
  }

  /** Contour: Flagger generates an HTTPProxy `<name>` (include it from your root HTTPProxy). */
  public static contour(options: ContourProviderOptions = {}): CanaryProvider {
    return new CanaryProvider(CanaryProviderType.CONTOUR, undefined, undefined, undefined, options.retries, options.timeout);
  }

  /** Traefik: Flagger generates a TraefikService `<name>` (point your IngressRoute at it). */
  public static traefik(): CanaryProvider {
    return new CanaryProvider(CanaryProviderType.TRAEFIK, undefined, undefined, undefined, undefined, undefined);
  }

  /** Plain Kubernetes Services: blue/green only (no traffic shifting, no A/B). */
  public static kubernetes(): CanaryProvider {
    return new CanaryProvider(CanaryProviderType.KUBERNETES, undefined, undefined, undefined, undefined, undefined);
  }

  private constructor(
    /** The provider. */
    public readonly type: CanaryProviderType,
    /** Istio Gateways. */
    public readonly gateways: string[] | undefined,
    /** Host names (istio, Gateway API). */
    public readonly hosts: string[] | undefined,
    /** Gateway API parent Gateways. */
    public readonly gatewayRefs: GatewayRef[] | undefined,
    /** Route retries (istio, contour). */
    public readonly retries: RetryPolicy | undefined,
    /** Route timeout (istio, contour, Gateway API). */
    public readonly timeout: string | undefined) {}
}
