/**
 * The builder of an app's Gateway API HTTPRoute, from its validated `route`
 * props: one rule per group of backends, each with the route's paths, header
 * filters and timeouts. Internal: not exported from the package.
 */
import { ApiObject } from 'cdk8s';
import { AppModel } from './app-model';
import { cookieHeaderRegex } from './match-rules';
import { HeaderModifierProps, HttpRouteProps, RoutePath } from './route-props';
import { MatchOperator, TrafficMatch, TrafficMatchKind } from './traffic-match';

/** apiVersion of the HTTPRoutes apps define. */
const HTTP_ROUTE_API_VERSION = 'gateway.networking.k8s.io/v1';
/** kind of the HTTPRoutes apps define. */
const HTTP_ROUTE_KIND = 'HTTPRoute';

/** A Service an HTTPRoute rule sends requests to, on the app's service port. */
export interface RouteBackend {
  /** The Service name. */
  readonly service: string;
  /** Its share of the rule's requests, relative to the other backends (left out: Gateway API's default 1). */
  readonly weight?: number;
}

/** One rule of an HTTPRoute: which requests (beyond the route's paths) go to which backends. */
export interface RouteRule {
  /** The backends of the rule. */
  readonly backends: RouteBackend[];
  /** A/B conditions: the rule takes the requests on the route's paths that meet any one of them. */
  readonly matches?: TrafficMatch[];
}

/** The route's paths, or every path. */
export function routePaths(route: HttpRouteProps): RoutePath[] {
  return route.paths ?? [RoutePath.prefix('/')];
}

/**
 * Defines the HTTPRoute `name` of the app from its `route` props (which must
 * be set), with `rules` in order; `hostnames` replaces the route's hostnames
 * (a preview route).
 */
export function httpRoute(model: AppModel, id: string, name: string, rules: RouteRule[], hostnames?: string[]): ApiObject {
  const route = model.props.route!;
  const hosts = hostnames ?? route.hostnames;
  const filters = [
    ...headerFilter('RequestHeaderModifier', 'requestHeaderModifier', route.requestHeaders),
    ...headerFilter('ResponseHeaderModifier', 'responseHeaderModifier', route.responseHeaders),
  ];
  const timeouts = route.requestTimeout !== undefined || route.backendRequestTimeout !== undefined
    ? { request: route.requestTimeout, backendRequest: route.backendRequestTimeout }
    : undefined;
  return new ApiObject(model.scope, id, {
    apiVersion: HTTP_ROUTE_API_VERSION,
    kind: HTTP_ROUTE_KIND,
    metadata: model.metadata(name, {}, route.annotations),
    spec: {
      parentRefs: route.parentRefs.map(g => ({ name: g.name, namespace: g.namespace, sectionName: g.sectionName, port: g.port })),
      hostnames: hosts?.length ? [...hosts] : undefined,
      rules: rules.map(rule => ({
        matches: routePaths(route).flatMap(path => (rule.matches?.length ? rule.matches : [undefined]).map(m => ({
          path: { type: path.type, value: path.value },
          ...(m ? renderMatch(m) : {}),
        }))),
        filters: filters.length ? filters : undefined,
        backendRefs: rule.backends.map(b => ({ name: b.service, port: model.servicePort, weight: b.weight })),
        timeouts,
      })),
    },
  });
}

/** A match as HTTPRoute match fields: a header, the Cookie header by regex, or a query parameter. */
function renderMatch(m: TrafficMatch): Record<string, unknown> {
  const type = m.matchOperator === MatchOperator.REGEX ? 'RegularExpression' : 'Exact';
  switch (m.kind) {
    case TrafficMatchKind.COOKIE:
      return { headers: [{ name: 'cookie', type: 'RegularExpression', value: cookieHeaderRegex(m.name, m.value) }] };
    case TrafficMatchKind.QUERY_PARAM:
      return { queryParams: [{ name: m.name, type, value: m.value }] };
    default:
      return { headers: [{ name: m.name, type, value: m.value }] };
  }
}

function headerFilter(type: string, field: string, modifier: HeaderModifierProps | undefined): Array<Record<string, unknown>> {
  if (!modifier) return [];
  const headers = (values: Record<string, string> | undefined) => {
    const names = Object.keys(values ?? {}).sort();
    return names.length ? names.map(name => ({ name, value: values![name] })) : undefined;
  };
  const remove = modifier.remove?.length ? [...modifier.remove] : undefined;
  const change = { set: headers(modifier.set), add: headers(modifier.add), remove };
  return change.set || change.add || remove ? [{ type, [field]: change }] : [];
}
