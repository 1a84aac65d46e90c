/**
 * The CEL rules (`x-kubernetes-validations`) of the Gateway API HTTPRoute CRD
 * (v1.6.1), which the API server runs after the schema and a JSON-schema
 * validator cannot: parent references, path values, matches per route,
 * timeouts, backend ports and filters. Checked on every HTTPRoute, with the
 * defaults the API server applies first (a rule without matches holds one,
 * `PathPrefix /`; a backend is a Service). The props of the routes apps
 * define are checked by the same predicates (core/route-checks).
 */
import { backendTimeoutExceedsRequest, MAX_MATCHES_PER_ROUTE, parentRefConflict, pathValueProblem } from '../core/route-checks';

/** `[field, message]` of one broken rule. */
type Problem = [string, string];

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
/** The filter types that may appear once per list, with the field each one's settings go in. */
const FILTER_FIELDS: Record<string, string> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};
/** Filter types a list holds at most once. */
const SINGLE_FILTERS = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'];
/** The path modifier types of redirects and rewrites, with the field each needs. */
const PATH_MODIFIER_FIELDS: Record<string, string> = { ReplaceFullPath: 'replaceFullPath', ReplacePrefixMatch: 'replacePrefixMatch' };

const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);
const isServiceRef = (ref: any) => (ref?.group ?? '') === '' && (ref?.kind ?? 'Service') === 'Service';

/** Whether `obj` is an HTTPRoute of the Gateway API. */
export function isHttpRoute(obj: any): boolean {
  return obj?.kind === 'HTTPRoute' && typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`);
}

/** The CEL rules an HTTPRoute breaks, as `[field, message]` pairs (none for other objects). */
export function httpRouteCelProblems(route: any): Problem[] {
  if (!isHttpRoute(route)) return [];
  const out: Problem[] = [];
  const spec = route.spec ?? {};
  const parents = list(spec.parentRefs);
  parents.forEach((ref, i) => {
    const conflict = parentRefConflict(parents, i);
    const parent = `${ref?.kind ?? 'Gateway'} "${ref?.name}"`;
    if (conflict === 'missing') {
      out.push([`/spec/parentRefs/${i}/sectionName`, `the route references the ${parent} more than once: each reference to it must name a listener (sectionName)`]);
    } else if (conflict === 'repeated') {
      out.push([`/spec/parentRefs/${i}/sectionName`, `an earlier reference to the ${parent} names the listener "${ref.sectionName}" too: each reference must name a different one`]);
    }
  });

  const rules = list(spec.rules);
  const matches = rules.reduce((n, rule) => n + (Array.isArray(rule?.matches) ? rule.matches.length : 1), 0);
  if (matches > MAX_MATCHES_PER_ROUTE) {
    out.push(['/spec/rules', `the rules hold ${matches} matches together (a rule without matches counts as one): the API server takes at most ${MAX_MATCHES_PER_ROUTE} per route; split the route`]);
  }
  rules.forEach((rule, r) => out.push(...ruleProblems(rule, `/spec/rules/${r}`)));
  return out;
}

function ruleProblems(rule: any, at: string): Problem[] {
  const out: Problem[] = [];
  const filters = list(rule?.filters);
  const backends = list(rule?.backendRefs);
  out.push(...filterListProblems(filters, `${at}/filters`));
  if (backends.length) {
    filters.forEach((f, j) => {
      if (f?.requestRedirect !== undefined) out.push([`${at}/filters/${j}`, 'a rule with a RequestRedirect filter answers with the redirect itself: it must have no backendRefs']);
    });
  }
  const prefixRewrites = [...filters, ...backends.flatMap(b => list(b?.filters))].filter(replacesPrefix);
  if (prefixRewrites.length && !oneMatchByPrefix(rule?.matches)) {
    out.push([`${at}/matches`, `a ${prefixRewrites[0].type ?? 'filter'} with path.replacePrefixMatch needs exactly one match, of type PathPrefix (the prefix it replaces)`]);
  }
  list(rule?.matches).forEach((m, j) => {
    const path = m?.path;
    const type = path?.type ?? 'PathPrefix';
    if ((type === 'PathPrefix' || type === 'Exact') && typeof path?.value === 'string') {
      const problem = pathValueProblem(path.value);
      if (problem !== undefined) out.push([`${at}/matches/${j}/path/value`, `the ${type} path "${path.value}" ${problem}: the API server takes absolute paths without empty, "." or ".." segments, "%2f" or "#"`]);
    }
  });
  backends.forEach((b, j) => {
    if (isServiceRef(b) && b?.port === undefined) out.push([`${at}/backendRefs/${j}`, `the backend Service "${b?.name}" has no port: a Service backend must name one`]);
    out.push(...filterListProblems(list(b?.filters), `${at}/backendRefs/${j}/filters`));
  });
  const timeouts = rule?.timeouts;
  if (typeof timeouts?.request === 'string' && typeof timeouts?.backendRequest === 'string' && backendTimeoutExceedsRequest(timeouts.request, timeouts.backendRequest)) {
    out.push([`${at}/timeouts/backendRequest`, `the backend request timeout ${timeouts.backendRequest} is longer than the request timeout ${timeouts.request}, which covers every call to the backend`]);
  }
  return out;
}

/** The rules on one list of filters (a rule's, or a backend's) and on each filter. */
function filterListProblems(filters: any[], at: string): Problem[] {
  const out: Problem[] = [];
  if (filters.some(f => f?.type === 'RequestRedirect') && filters.some(f => f?.type === 'URLRewrite')) {
    out.push([at, 'a RequestRedirect and a URLRewrite filter exclude each other: keep one']);
  }
  for (const type of SINGLE_FILTERS) {
    filters.forEach((f, j) => {
      if (f?.type === type && filters.findIndex(o => o?.type === type) !== j) out.push([`${at}/${j}`, `a second ${type} filter: the list takes each of ${SINGLE_FILTERS.join(', ')} at most once`]);
    });
  }
  filters.forEach((f, j) => out.push(...filterProblems(f, `${at}/${j}`)));
  return out;
}

function filterProblems(filter: any, at: string): Problem[] {
  const out: Problem[] = [];
  for (const [type, field] of Object.entries(FILTER_FIELDS)) {
    if (filter?.[field] !== undefined && filter?.type !== type) out.push([`${at}/${field}`, `${field} is set but the filter's type is ${filter?.type}: set it only on a filter of type ${type}`]);
    if (filter?.[field] === undefined && filter?.type === type) out.push([at, `a filter of type ${type} must set ${field}`]);
  }
  const cors = filter?.cors;
  for (const field of ['allowOrigins', 'allowMethods', 'allowHeaders']) {
    const values = list(cors?.[field]);
    if (values.includes('*') && values.length > 1) out.push([`${at}/cors/${field}`, `"*" allows every value: list it alone, without other ${field.slice(5).toLowerCase()}`]);
  }
  const mirror = filter?.requestMirror;
  if (mirror !== undefined) {
    if (mirror.percent !== undefined && mirror.fraction !== undefined) out.push([`${at}/requestMirror`, 'set percent or fraction of the requests to mirror, not both']);
    const fraction = mirror.fraction;
    if (fraction !== undefined && typeof fraction.numerator === 'number' && fraction.numerator > (fraction.denominator ?? 100)) {
      out.push([`${at}/requestMirror/fraction`, `the numerator ${fraction.numerator} exceeds the denominator ${fraction.denominator ?? 100}: at most every request can be mirrored`]);
    }
    if (isServiceRef(mirror.backendRef) && mirror.backendRef?.port === undefined) {
      out.push([`${at}/requestMirror/backendRef`, `the mirror's backend Service "${mirror.backendRef?.name}" has no port: a Service backend must name one`]);
    }
  }
  for (const field of ['requestRedirect', 'urlRewrite']) {
    const path = filter?.[field]?.path;
    if (path === undefined) continue;
    for (const [type, value] of Object.entries(PATH_MODIFIER_FIELDS)) {
      if (path.type === type && path[value] === undefined) out.push([`${at}/${field}/path`, `a path modifier of type ${type} must set ${value}`]);
      if (path.type !== type && path[value] !== undefined) out.push([`${at}/${field}/path/${value}`, `${value} is set but the path modifier's type is ${path.type}: set type ${type}`]);
    }
  }
  return out;
}

/** Whether a filter replaces the matched path prefix (a redirect's or a rewrite's `ReplacePrefixMatch`). */
function replacesPrefix(filter: any): boolean {
  return ['requestRedirect', 'urlRewrite'].some(field => filter?.[field]?.path?.type === 'ReplacePrefixMatch' && filter[field].path.replacePrefixMatch !== undefined);
}

/** Whether the matches (the default when left out: one `PathPrefix /`) are a single PathPrefix match. */
function oneMatchByPrefix(matches: unknown): boolean {
  if (matches === undefined) return true;
  const all = list(matches);
  return all.length === 1 && (all[0]?.path === undefined || (all[0].path.type ?? 'PathPrefix') === 'PathPrefix');
}
