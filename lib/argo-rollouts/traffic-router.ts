/** How Argo Rollouts splits the traffic between the stable and the canary version. */
export enum RolloutTrafficRouterType {
  /** Gateway API, through the `argoproj-labs/gatewayAPI` plugin: it sets the weights of an HTTPRoute. */
  GATEWAY_API = 'gatewayAPI',
  /** ingress-nginx: Argo Rollouts clones the app's Ingress into a canary Ingress and sets its weight. */
  NGINX = 'nginx',
  /** Istio: Argo Rollouts sets the weights of a VirtualService you own. */
  ISTIO = 'istio',
  /** No router: the weight is approximated by the ratio of canary to stable pods behind one Service. */
  REPLICAS = 'replicas',
}

/** A Gateway the HTTPRoute of a Gateway API canary attaches to. */
export interface RolloutGatewayRef {
  /** The Gateway name. */
  readonly name: string;
  /**
   * The Gateway namespace.
   *
   * @default - the app's namespace
   */
  readonly namespace?: string;
  /**
   * A listener of the Gateway.
   *
   * @default - every listener
   */
  readonly sectionName?: string;
}

/** Options of the Gateway API router. */
export interface RolloutGatewayApiOptions {
  /** The Gateways the HTTPRoute `<name>` attaches to (at least one). */
  readonly gatewayRefs: RolloutGatewayRef[];
  /**
   * Host names the HTTPRoute serves.
   *
   * @default - every host of the Gateways
   */
  readonly hosts?: string[];
  /**
   * The name the plugin is registered under in the `argo-rollouts-config` ConfigMap.
   *
   * @default "argoproj-labs/gatewayAPI"
   */
  readonly pluginName?: string;
}

/** Options of the Istio router. */
export interface RolloutIstioOptions {
  /** The VirtualService (yours, not emitted) whose routes send traffic to the stable and canary Services. */
  readonly virtualService: string;
  /**
   * The named HTTP routes of the VirtualService Argo Rollouts sets weights on.
   *
   * @default - the VirtualService's only HTTP route
   */
  readonly routes?: string[];
}

/**
 * The traffic router of an Argo Rollouts canary: Gateway API, ingress-nginx,
 * Istio, or none (replica ratio).
 */
export class RolloutTrafficRouter {
  /**
   * Gateway API through the `argoproj-labs/gatewayAPI` plugin (install it in
   * the controller's `argo-rollouts-config`): the app gets an HTTPRoute
   * `<name>` to its stable and canary Services, whose weights the plugin sets.
   */
  public static gatewayApi(options: RolloutGatewayApiOptions): RolloutTrafficRouter {
    return new RolloutTrafficRouter(RolloutTrafficRouterType.GATEWAY_API, options.gatewayRefs, options.hosts, options.pluginName ?? 'argoproj-labs/gatewayAPI', undefined, undefined);
  }

  /** ingress-nginx: the app's Ingress (`ingress` props) goes to the stable Service; Argo Rollouts adds the canary Ingress. */
  public static nginx(): RolloutTrafficRouter {
    return new RolloutTrafficRouter(RolloutTrafficRouterType.NGINX, undefined, undefined, undefined, undefined, undefined);
  }

  /** Istio: Argo Rollouts sets the weights of the stable and canary destinations of your VirtualService. */
  public static istio(options: RolloutIstioOptions): RolloutTrafficRouter {
    return new RolloutTrafficRouter(RolloutTrafficRouterType.ISTIO, undefined, undefined, undefined, options.virtualService, options.routes);
  }

  /**
   * No router: one Service selects both versions, so a weight is approximated
   * by the number of canary pods (the plan shows the counts).
   */
  public static replicas(): RolloutTrafficRouter {
    return new RolloutTrafficRouter(RolloutTrafficRouterType.REPLICAS, undefined, undefined, undefined, undefined, undefined);
  }

  private constructor(
    /** The router. */
    public readonly type: RolloutTrafficRouterType,
    /** Gateway API parent Gateways. */
    public readonly gatewayRefs: RolloutGatewayRef[] | undefined,
    /** Gateway API host names. */
    public readonly hosts: string[] | undefined,
    /** The Gateway API plugin name. */
    public readonly pluginName: string | undefined,
    /** The Istio VirtualService. */
    public readonly virtualService: string | undefined,
    /** The Istio routes. */
    public readonly routes: string[] | undefined) {}
}
