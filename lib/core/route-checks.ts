/**
 * The rules of Gateway API HTTPRoutes (v1.6.1 standard channel) that the
 * API server enforces through the CRD's schema limits and CEL rules
 * (`x-kubernetes-validations`), which a JSON-schema validator cannot run:
 * checked here at synth time for every input that ends up in a route.
 * Internal: not exported from the package.
 */
import { Check, durationSeconds } from './check';
import { propError, Where } from './errors';
import { checkTrafficMatch } from './match-rules';
import { GatewayRef, HeaderModifierProps, HttpRouteProps, RoutePath, RoutePathType } from './route-props';
import { MatchOperator, TrafficMatch, TrafficMatchKind } from './traffic-match';

/** `spec.parentRefs` maxItems. */
const MAX_PARENT_REFS = 32;
/** `spec.hostnames` maxItems. */
const MAX_HOSTNAMES = 16;
/** `spec.rules[].matches` maxItems. */
export const MAX_MATCHES_PER_RULE = 64;
/** The CEL limit on the matches of all rules together. */
export const MAX_MATCHES_PER_ROUTE = 128;
/** maxItems of each list of a header modifier (`set`, `add`, `remove`). */
const MAX_HEADER_CHANGES = 16;
/** maxLength of a path value. */
const MAX_PATH_LENGTH = 1024;
/** maxLength of header values (matches and modifiers). */
const MAX_HEADER_VALUE_LENGTH = 4096;
/** maxLength of query parameter values. */
const MAX_QUERY_VALUE_LENGTH = 1024;
/** `HTTPHeaderName`: an HTTP token of at most 256 characters. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;
/** The characters the CEL rule allows in `Exact` and `PathPrefix` paths. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F', '#'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** Checks the `route` props of an app: Gateways, hosts, paths, timeouts and header changes. */
export function checkHttpRoute(where: Where, prop: string, route: HttpRouteProps) {
  checkParentRefs(where, `${prop}.parentRefs`, route.parentRefs);
  if (route.hostnames !== undefined) checkHostnames(where, `${prop}.hostnames`, route.hostnames);
  const paths = route.paths;
  if (paths !== undefined) {
    if (!Array.isArray(paths) || paths.length === 0) throw propError(where, `${prop}.paths`, paths, 'list one or more paths, or leave it out for every path ("/")');
    if (paths.length > MAX_MATCHES_PER_RULE) throw propError(where, `${prop}.paths`, paths.length, `an HTTPRoute rule takes at most ${MAX_MATCHES_PER_RULE} matches`);
    paths.forEach((p, i) => checkPath(where, `${prop}.paths[${i}]`, p));
  }
  Check.gatewayDuration(where, `${prop}.requestTimeout`, route.requestTimeout);
  Check.gatewayDuration(where, `${prop}.backendRequestTimeout`, route.backendRequestTimeout);
  const request = route.requestTimeout === undefined ? undefined : durationSeconds(route.requestTimeout);
  if (request && route.backendRequestTimeout !== undefined && durationSeconds(route.backendRequestTimeout) > request) {
    throw propError(where, `${prop}.backendRequestTimeout`, route.backendRequestTimeout, `must not exceed requestTimeout (${route.requestTimeout}): the request timeout covers every call to the app`);
  }
  checkHeaderModifier(where, `${prop}.requestHeaders`, route.requestHeaders);
  checkHeaderModifier(where, `${prop}.responseHeaders`, route.responseHeaders);
  Check.annotations(where, `${prop}.annotations`, route.annotations);
}

/**
 * Gateway references: at least one, at most 32, valid names, and (the CEL
 * rules) references to the same Gateway each name a different listener.
 */
export function checkParentRefs(where: Where, prop: string, refs: GatewayRef[] | undefined) {
  if (!Array.isArray(refs) || refs.length === 0) throw propError(where, prop, refs, 'list at least one Gateway to attach the HTTPRoute to');
  if (refs.length > MAX_PARENT_REFS) throw propError(where, prop, refs.length, `an HTTPRoute attaches to at most ${MAX_PARENT_REFS} parents`);
  refs.forEach((g, i) => {
    Check.dns1123Subdomain(where, `${prop}[${i}].name`, g.name);
    if (g.namespace !== undefined) Check.dns1123Label(where, `${prop}[${i}].namespace`, g.namespace);
    if (g.sectionName !== undefined) Check.dns1123Subdomain(where, `${prop}[${i}].sectionName`, g.sectionName);
    Check.port(where, `${prop}[${i}].port`, g.port);
    const sameGateway = refs.filter(o => o.name === g.name && o.namespace === g.namespace);
    if (sameGateway.length > 1 && (g.sectionName === undefined || sameGateway.filter(o => o.sectionName === g.sectionName).length > 1)) {
      throw propError(where, `${prop}[${i}].sectionName`, g.sectionName, `Gateway "${g.name}" is referenced more than once: give each of its references a different sectionName`);
    }
  });
}

/** Route host names: at most 16 DNS names, optionally starting with `*.`. */
export function checkHostnames(where: Where, prop: string, hosts: string[]) {
  if (!Array.isArray(hosts)) throw propError(where, prop, hosts, 'must be a list of host names');
  if (hosts.length > MAX_HOSTNAMES) throw propError(where, prop, hosts.length, `an HTTPRoute takes at most ${MAX_HOSTNAMES} hostnames`);
  hosts.forEach((h, i) => Check.host(where, `${prop}[${i}]`, h));
}

/**
 * An A/B match as an HTTPRoute takes it: exact or regular-expression header
 * and query parameter values within the schema's lengths, or a cookie.
 */
export function checkRouteMatch(where: Where, prop: string, m: TrafficMatch) {
  checkTrafficMatch(where, prop, m);
  if (m.kind !== TrafficMatchKind.COOKIE && m.matchOperator !== MatchOperator.EXACT && m.matchOperator !== MatchOperator.REGEX) {
    throw propError(where, prop, m._describe(), 'Gateway API matches headers and query parameters with exact or regex only');
  }
  const max = m.kind === TrafficMatchKind.QUERY_PARAM ? MAX_QUERY_VALUE_LENGTH : MAX_HEADER_VALUE_LENGTH;
  if (m.name.length > 256 || m.value.length > max) {
    throw propError(where, prop, m._describe(), `names are at most 256 characters and ${m.kind === TrafficMatchKind.QUERY_PARAM ? 'query parameter' : 'header'} values at most ${max}`);
  }
}

function checkPath(where: Where, prop: string, path: RoutePath) {
  const value = path?.value;
  if (path?.type === RoutePathType.REGULAR_EXPRESSION) {
    if (typeof value !== 'string' || value === '' || value.length > MAX_PATH_LENGTH) throw propError(where, prop, value, `a path pattern is 1 to ${MAX_PATH_LENGTH} characters`);
    return;
  }
  const valid = typeof value === 'string' && value.startsWith('/') && value.length <= MAX_PATH_LENGTH && PATH_CHARS.test(value)
    && !INVALID_PATH_SEQUENCES.some(seq => value.includes(seq)) && !INVALID_PATH_SUFFIXES.some(suffix => value.endsWith(suffix));
  if (!valid) {
    throw propError(where, prop, value, `PathPrefix and Exact paths start with "/", have at most ${MAX_PATH_LENGTH} of the characters A-Za-z0-9-._~!$&'()*+,;=:@/ and %-escapes, `
      + 'and contain no "//", "/./", "/../", "%2f" or "#" nor end with "/." or "/.."');
  }
}

function checkHeaderModifier(where: Where, prop: string, modifier: HeaderModifierProps | undefined) {
  if (!modifier) return;
  const lists: Array<[string, string[]]> = [['set', Object.keys(modifier.set ?? {})], ['add', Object.keys(modifier.add ?? {})], ['remove', modifier.remove ?? []]];
  for (const [list, names] of lists) {
    if (names.length > MAX_HEADER_CHANGES) throw propError(where, `${prop}.${list}`, names, `at most ${MAX_HEADER_CHANGES} headers per list`);
    names.forEach((name, i) => {
      if (typeof name !== 'string' || !HEADER_NAME.test(name)) throw propError(where, `${prop}.${list}`, name, 'header names are HTTP tokens of at most 256 characters');
      if (names.findIndex(other => other.toLowerCase() === name.toLowerCase()) !== i) throw propError(where, `${prop}.${list}`, name, 'header names are case-insensitive: list each header once');
    });
  }
  for (const list of ['set', 'add'] as const) {
    for (const [name, value] of Object.entries(modifier[list] ?? {})) {
      if (typeof value !== 'string' || value === '' || value.length > MAX_HEADER_VALUE_LENGTH) {
        throw propError(where, `${prop}.${list}.${name}`, value, `header values are 1 to ${MAX_HEADER_VALUE_LENGTH} characters`);
      }
    }
  }
}
