/**
 * A Gateway API parent reference: a Gateway (or one of its listeners) an
 * HTTPRoute attaches to. The Gateway belongs to the platform team; its
 * listener must allow routes from the app's namespace (`allowedRoutes`).
 */
export interface GatewayRef {
  /** The Gateway name. */
  readonly name: string;
  /**
   * The Gateway namespace.
   *
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /**
   * A listener of the Gateway. Required on every reference when several
   * references name the same Gateway.
   *
   * @default - every listener
   */
  readonly sectionName?: string;
  /**
   * A listener port of the Gateway.
   *
   * @default - every port
   */
  readonly port?: number;
}

/** How an HTTPRoute path match compares the request path. */
export enum RoutePathType {
  /** The path starts with the value, split on '/' (`/api` matches `/api/x`, not `/apix`). */
  PATH_PREFIX = 'PathPrefix',
  /** The path equals the value. */
  EXACT = 'Exact',
  /** The path matches a regular expression; the syntax is up to the Gateway implementation. */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/**
 * One path an HTTPRoute sends to the app. Several paths are alternatives.
 */
export class RoutePath {
  /** Paths starting with `prefix` (split on '/'). */
  public static prefix(prefix: string): RoutePath {
    return new RoutePath(RoutePathType.PATH_PREFIX, prefix);
  }

  /** Exactly the path `path`. */
  public static exact(path: string): RoutePath {
    return new RoutePath(RoutePathType.EXACT, path);
  }

  /**
   * Paths matching the regular expression `pattern`. Implementation-specific:
   * each Gateway implementation has its own regex syntax (RE2 for Envoy-based
   * ones), and some do not support it.
   */
  public static regex(pattern: string): RoutePath {
    return new RoutePath(RoutePathType.REGULAR_EXPRESSION, pattern);
  }

  private constructor(
    /** How the path is compared. */
    public readonly type: RoutePathType,
    /** The prefix, path or pattern. */
    public readonly value: string) {}
}

/**
 * Headers an HTTPRoute filter changes on the request (before it reaches the
 * app) or on the response (before it reaches the client). Header names are
 * case-insensitive.
 */
export interface HeaderModifierProps {
  /**
   * Headers set to a value, replacing any value they had.
   *
   * @default - none
   */
  readonly set?: Record<string, string>;
  /**
   * Headers added (appended to any value they had).
   *
   * @default - none
   */
  readonly add?: Record<string, string>;
  /**
   * Headers removed.
   *
   * @default - none
   */
  readonly remove?: string[];
}

/**
 * Exposure through a Gateway API HTTPRoute (`gateway.networking.k8s.io/v1`)
 * attached to Gateways the platform team runs.
 */
export interface HttpRouteProps {
  /** The Gateways (or listeners) the route attaches to: at least one, at most 32. */
  readonly parentRefs: GatewayRef[];
  /**
   * Host names the route serves (at most 16; `*.example.com` matches one or
   * more labels in front of `example.com`).
   *
   * @default - every host the Gateway listeners accept
   */
  readonly hostnames?: string[];
  /**
   * The paths routed to the app (alternatives).
   *
   * @default [RoutePath.prefix('/')]
   */
  readonly paths?: RoutePath[];
  /**
   * How long the Gateway waits for the whole response, such as `"30s"` or
   * `"1m30s"` (whole numbers of h, m, s, ms); `"0s"` disables it.
   *
   * @default - the Gateway implementation's default
   */
  readonly requestTimeout?: string;
  /**
   * How long the Gateway waits for one call to the app (a retry makes
   * another); at most `requestTimeout`.
   *
   * @default - the Gateway implementation's default
   */
  readonly backendRequestTimeout?: string;
  /**
   * Headers changed on requests before they reach the app.
   *
   * @default - none
   */
  readonly requestHeaders?: HeaderModifierProps;
  /**
   * Headers changed on responses before they reach the client.
   *
   * @default - none
   */
  readonly responseHeaders?: HeaderModifierProps;
  /**
   * Annotations on the HTTPRoute (for example for external-dns), beside the app's own.
   *
   * @default - the app's annotations only
   */
  readonly annotations?: Record<string, string>;
}
