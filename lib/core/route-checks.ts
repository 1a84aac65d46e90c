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
  if (backendTimeoutExceedsRequest(route.requestTimeout, route.backendRequestTimeout)) {
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
    if (parentRefConflict(refs, i) !== undefined) {
      throw propError(where, `${prop}[${i}].sectionName`, g.sectionName, `Gateway "${g.name}" is referenced more than once: give each of its references a different sectionName`);
    }
  });
}

/** A parent reference as an HTTPRoute holds it (group and kind default to a Gateway, namespace to the route's). */
export interface ParentRefFields {
  readonly group?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly sectionName?: string;
}

/**
 * How a parent reference breaks the CRD's CEL rules on references to one
 * parent: `missing`, it names no listener (sectionName); `repeated`, an
 * earlier reference names the same listener.
 */
export type ParentRefConflict = 'missing' | 'repeated';

/**
 * Whether `refs[i]` breaks the CEL rules on several references to one parent
 * (same group, kind, name and namespace): each names a listener, and no two
 * the same one.
 */
export function parentRefConflict(refs: ParentRefFields[], i: number): ParentRefConflict | undefined {
  const id = (r: ParentRefFields) => `${r.group ?? 'gateway.networking.k8s.io'}|${r.kind ?? 'Gateway'}|${r.name}|${r.namespace || ''}`;
  const section = (r: ParentRefFields) => r.sectionName || undefined;
  const me = refs[i];
  const same = refs.filter(r => id(r) === id(me));
  if (same.length < 2) return undefined;
  if (section(me) === undefined) return 'missing';
  return refs.slice(0, i).some(r => id(r) === id(me) && section(r) === section(me)) ? 'repeated' : undefined;
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

/**
 * What the CRD's CEL rules refuse in an `Exact` or `PathPrefix` path value
 * (e.g. `contains "//"`), or undefined when they accept it.
 */
export function pathValueProblem(value: string): string | undefined {
  if (!value.startsWith('/')) return 'does not start with "/"';
  const sequence = INVALID_PATH_SEQUENCES.find(seq => value.includes(seq));
  if (sequence !== undefined) return `contains "${sequence}"`;
  const suffix = INVALID_PATH_SUFFIXES.find(end => value.endsWith(end));
  if (suffix !== undefined) return `ends with "${suffix}"`;
  if (!PATH_CHARS.test(value)) return 'has characters other than A-Za-z0-9-._~!$&\'()*+,;=:@/ and %-escapes';
  return undefined;
}

/**
 * Whether a rule's `backendRequest` timeout exceeds its `request` timeout
 * (a `request` of 0 turns the request timeout off). Both are valid Gateway API durations.
 */
export function backendTimeoutExceedsRequest(request: string | undefined, backendRequest: string | undefined): boolean {
  if (request === undefined || backendRequest === undefined) return false;
  const limit = durationSeconds(request);
  return limit > 0 && durationSeconds(backendRequest) > limit;
}

function checkPath(where: Where, prop: string, path: RoutePath) {
  const value = path?.value;
  if (path?.type === RoutePathType.REGULAR_EXPRESSION) {
    if (typeof value !== 'string' || value === '' || value.length > MAX_PATH_LENGTH) throw propError(where, prop, value, `a path pattern is 1 to ${MAX_PATH_LENGTH} characters`);
    return;
  }
  if (typeof value !== 'string' || value.length > MAX_PATH_LENGTH || pathValueProblem(value) !== undefined) {
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
