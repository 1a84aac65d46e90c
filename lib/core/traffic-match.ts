/** How a header or query parameter match compares the value. */
export enum MatchOperator {
  /** Equal to the value. */
  EXACT = 'exact',
  /** Starts with the value. */
  PREFIX = 'prefix',
  /** Ends with the value. */
  SUFFIX = 'suffix',
  /** Matches the regular expression. */
  REGEX = 'regex',
}

/** What an A/B match looks at. */
export enum TrafficMatchKind {
  /** An HTTP header. */
  HEADER = 'header',
  /** A cookie `<name>=<value>`. */
  COOKIE = 'cookie',
  /** A query parameter of the request URL. */
  QUERY_PARAM = 'queryParam',
}

/**
 * One A/B testing condition: requests that satisfy it are routed to the
 * canary. Several matches are alternatives (any one routes the request).
 * Providers support different conditions: nginx takes at most one header
 * (exact or regex) and one cookie, with names and values limited to what
 * ingress-nginx accepts in its canary annotations; contour has no regex;
 * istio no suffix; Gateway API exact and regex only. Query parameters work
 * on istio and Gateway API (Flagger) and in a `RouteCanaryApp`.
 */
export class TrafficMatch {
  /** Requests whose header `name` (lowercase) equals `value`. */
  public static headerExact(name: string, value: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.EXACT, value);
  }

  /** Requests whose header `name` (lowercase) starts with `prefix`. */
  public static headerPrefix(name: string, prefix: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.PREFIX, prefix);
  }

  /** Requests whose header `name` (lowercase) ends with `suffix`. */
  public static headerSuffix(name: string, suffix: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.SUFFIX, suffix);
  }

  /** Requests whose header `name` (lowercase) matches the regular expression `pattern`. */
  public static headerRegex(name: string, pattern: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.REGEX, pattern);
  }

  /**
   * Requests carrying the cookie `cookieName=value`. nginx only supports the
   * value `always`; contour matches the cookie as the suffix of the Cookie header.
   */
  public static cookie(cookieName: string, value: string = 'always'): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.COOKIE, cookieName, undefined, value);
  }

  /** Requests whose query parameter `name` (case-sensitive) equals `value`. */
  public static queryParam(name: string, value: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.QUERY_PARAM, name, MatchOperator.EXACT, value);
  }

  /** Requests whose query parameter `name` (case-sensitive) matches the regular expression `pattern`. */
  public static queryParamRegex(name: string, pattern: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.QUERY_PARAM, name, MatchOperator.REGEX, pattern);
  }

  private constructor(
    /** A header, a cookie or a query parameter. */
    public readonly kind: TrafficMatchKind,
    /** The header, cookie or query parameter name. */
    public readonly name: string,
    /** How a header or query parameter value is compared (not cookies). */
    public readonly matchOperator: MatchOperator | undefined,
    /** The value, prefix, suffix or pattern to compare with, or the cookie value. */
    public readonly value: string) {}

  /** The match in words: `cookie <name>=<value>`, `header <name> <operator> <value>` or `query <name> <operator> <value>`. @internal */
  public _describe(): string {
    if (this.kind === TrafficMatchKind.COOKIE) return `cookie ${this.name}=${this.value}`;
    return `${this.kind === TrafficMatchKind.HEADER ? 'header' : 'query'} ${this.name} ${this.matchOperator} ${this.value}`;
  }
}
