/**
 * What Flagger does with each provider, one row per provider: what the
 * analysis rules, the apps and their rollout plans need to know about how
 * Flagger routes through it. Internal: not exported from the package.
 */
import { propError, Where } from '../core/errors';
import { NGINX_BASIC_CHARS, NGINX_REGEX_CHARS } from '../core/ingress-nginx';
import { cookieHeaderRegex } from '../core/match-rules';
import { checkRouteMatch, MAX_MATCHES_PER_RULE } from '../core/route-checks';
import { MatchOperator, TrafficMatch, TrafficMatchKind } from '../core/traffic-match';
import { PlanRuntimeObject } from '../plan/plan-parts';
import { CanaryProviderType } from './providers';


/** What Flagger does with one provider. */
interface ProviderFacts {
  /** Whether it shifts traffic by weight (progressive canaries). */
  readonly weights: boolean;
  /** The header match operators of A/B testing; undefined when it cannot route by request. */
  readonly matchOperators?: MatchOperator[];
  /** Whether A/B testing can match query parameters. */
  readonly queryParams: boolean;
  /** Whether it mirrors traffic to the canary (`analysis.mirror`). */
  readonly mirror: boolean;
  /** Whether it mirrors a percentage only (`analysis.mirrorWeight`). */
  readonly partialMirror: boolean;
  /** Whether it pins sessions to the canary (`analysis.sessionAffinity`). */
  readonly sessionAffinity: boolean;
  /** Whether it shifts traffic through the app's own Ingress (`ingressRef`). */
  readonly usesIngress: boolean;
  /** How requests reach it instead of a plain Ingress to the apex Service, for providers with routing of their own. */
  readonly exposure?: string;
  /**
   * Whether its builtin metrics read the app's own series (so the app must
   * be scraped), not the router's: Flagger queries `http_request_duration_seconds`
   * of the canary pods for the kubernetes and gatewayapi providers.
   */
  readonly appMetrics?: boolean;
  /** The `analysis.match` entry of a cookie match. */
  cookieMatch(name: string, value: string): Record<string, unknown>;
  /** Provider rules for one A/B match (`prop` is its prop path), beyond the common ones. */
  checkMatch?(where: Where, prop: string, match: TrafficMatch): void;
  /** Provider rules for the A/B matches together. */
  checkMatches?(where: Where, matches: TrafficMatch[]): void;
  /** The routing objects Flagger generates for apex Service `svc` (and Ingress `ingress`). */
  routingObjects(svc: string, ingress: string): PlanRuntimeObject[];
}

/**
 * A cookie match as a regular expression over the Cookie header (istio,
 * Gateway API, and the controller's default provider).

 */
export function cookieRegexMatch(name: string, value: string): Record<string, unknown> {
  return { headers: { cookie: { regex: cookieHeaderRegex(name, value) } } };
}
const routed = (kind: string, what = 'the weights (or match rules) between primary and canary') => (svc: string): PlanRuntimeObject[] => [{ kind, name: svc, purpose: what }];

/** One row per provider. */
export const PROVIDERS: Record<CanaryProviderType, ProviderFacts> = {
  [CanaryProviderType.NGINX]: {
    weights: true,
    matchOperators: [MatchOperator.EXACT, MatchOperator.REGEX],
    queryParams: false,
    mirror: false,
    partialMirror: false,
    sessionAffinity: false,
    usesIngress: true,
    cookieMatch: name => ({ headers: { cookie: { exact: name } } }),
    checkMatch: checkNginxMatch,
    checkMatches: (where, matches) => {
      const headers = matches.filter(m => m.kind === TrafficMatchKind.HEADER);
      const cookies = matches.filter(m => m.kind === TrafficMatchKind.COOKIE);
      if (headers.length > 1 || cookies.length > 1) {
        throw propError(where, 'analysis.match', matches.map(m => m._describe()), 'ingress-nginx supports at most one header and one cookie match (Flagger silently keeps only the last of each)');
      }
    },
    routingObjects: (svc, ingress) => [{ kind: 'Ingress', name: `${ingress}-canary`, purpose: `copy of \`${ingress}\` pointing at \`${svc}-canary\`; Flagger moves its canary annotations (weight, header, cookie)` }],
  },
  [CanaryProviderType.ISTIO]: {
    weights: true,
    matchOperators: [MatchOperator.EXACT, MatchOperator.PREFIX, MatchOperator.REGEX],
    queryParams: true,
    mirror: true,
    partialMirror: true,
    sessionAffinity: true,
    usesIngress: false,
    exposure: 'expose it through Istio gateways and hosts (CanaryProvider.istio({ gateways, hosts }))',
    cookieMatch: cookieRegexMatch,
    routingObjects: svc => [
      { kind: 'VirtualService', name: svc, purpose: 'the weights (or match rules) between primary and canary' },
      { kind: 'DestinationRule', name: `${svc}-primary`, purpose: 'traffic policy of the primary' },
      { kind: 'DestinationRule', name: `${svc}-canary`, purpose: 'traffic policy of the canary' },
    ],
  },
  [CanaryProviderType.CONTOUR]: {
    weights: true,
    matchOperators: [MatchOperator.EXACT, MatchOperator.PREFIX, MatchOperator.SUFFIX],
    queryParams: false,
    mirror: false,
    partialMirror: false,
    sessionAffinity: false,
    usesIngress: false,
    exposure: 'include the generated HTTPProxy from your root HTTPProxy',
    cookieMatch: (name, value) => ({ headers: { cookie: { suffix: `${name}=${value}` } } }),
    routingObjects: routed('HTTPProxy'),
  },
  [CanaryProviderType.GATEWAY_API]: {
    weights: true,
    matchOperators: [MatchOperator.EXACT, MatchOperator.REGEX],
    queryParams: true,
    mirror: true,
    partialMirror: false,
    sessionAffinity: true,
    usesIngress: false,
    exposure: 'expose it through Gateway API gatewayRefs and hosts (CanaryProvider.gatewayApi({ gatewayRefs, hosts }))',
    // Flagger's observer factory serves gatewayapi:* with the kubernetes provider's queries, not the Gateway's series
    appMetrics: true,
    cookieMatch: cookieRegexMatch,
    checkMatch: checkRouteMatch,
    checkMatches: (where, matches) => {
      // Flagger puts every match into the first rule of the HTTPRoute it generates
      if (matches.length > MAX_MATCHES_PER_RULE) throw propError(where, 'analysis.match', matches.length, `an HTTPRoute rule takes at most ${MAX_MATCHES_PER_RULE} matches`);
    },
    routingObjects: routed('HTTPRoute'),
  },
  [CanaryProviderType.LINKERD]: {
    weights: true,
    queryParams: false,
    mirror: false,
    partialMirror: false,
    sessionAffinity: false,
    usesIngress: false,
    cookieMatch: cookieRegexMatch,
    routingObjects: routed('TrafficSplit', 'the weights between primary and canary'),
  },
  [CanaryProviderType.TRAEFIK]: {
    weights: true,
    queryParams: false,
    mirror: false,
    partialMirror: false,
    sessionAffinity: false,
    usesIngress: false,
    exposure: 'point a Traefik IngressRoute at the generated TraefikService',
    cookieMatch: cookieRegexMatch,
    routingObjects: routed('TraefikService', 'the weights between primary and canary'),
  },
  [CanaryProviderType.KUBERNETES]: {
    weights: false,
    queryParams: false,
    appMetrics: true,
    mirror: false,
    partialMirror: false,
    sessionAffinity: false,
    usesIngress: false,
    cookieMatch: cookieRegexMatch,
    routingObjects: () => [],
  },
};

/** The names of the providers that support a feature, for error messages. */
export function providersWith(feature: (facts: ProviderFacts) => boolean): string {
  const names = Object.entries(PROVIDERS).filter(([, f]) => feature(f)).map(([type]) => type);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}

/**
 * Flagger copies an nginx match into the canary-by-header, -header-value,
 * -header-pattern and -by-cookie annotations of `<ingress>-canary`;
 * ingress-nginx's annotation validation (on by default) refuses other
 * characters, and its admission webhook then refuses the Ingress.
 */
function checkNginxMatch(where: Where, prop: string, m: TrafficMatch) {
  if (m.kind === TrafficMatchKind.COOKIE && m.value !== 'always') {
    throw propError(where, `${prop}.value`, m.value, 'ingress-nginx routes a cookie to the canary only when its value is "always"');
  }
  const basic = 'letters, digits and \'-\', \'.\', \'_\', \'~\', \':\', \'/\' (what ingress-nginx accepts in its canary annotations)';
  if (!NGINX_BASIC_CHARS.test(m.name)) {
    throw propError(where, `${prop}.name`, m.name, `on nginx, header and cookie names are ${basic}`);
  }
  if (m.matchOperator === MatchOperator.EXACT && !NGINX_BASIC_CHARS.test(m.value.replace(/ /g, ''))) {
    throw propError(where, `${prop}.value`, m.value, `on nginx, exact header values are ${basic}`);
  }
  if (m.matchOperator === MatchOperator.REGEX && !NGINX_REGEX_CHARS.test(m.value)) {
    throw propError(where, `${prop}.value`, m.value, 'on nginx, header patterns use letters, digits, \'-._~:/\' and the regex characters ^$[](){}*+?|&=\\ only (no spaces or commas: what ingress-nginx accepts)');
  }
}
