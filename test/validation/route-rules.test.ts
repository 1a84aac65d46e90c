/**
 * Validator on HTTPRoutes users give: the CEL rules of the Gateway API
 * HTTPRoute CRD (v1.6.1), one test per rule, each finding naming the object
 * and the field. Every case is also refused by the CRD's own rule, evaluated
 * with a CEL interpreter on the route with the API server's defaults (and the
 * route the cases start from passes both), so the hand-written checks cannot
 * drift from the CRD. The limits the CRD's schema holds are `schema` findings.
 */
import { ValidationFinding, Validator } from '../../lib';
import { celRefusals, crdSchema } from '../support/crd-cel';
import { deployment, route, service } from '../support/manifests';

const SCHEMA = crdSchema('gatewayapi-httproutes.yaml', 'v1');
const GATEWAY = { name: 'public', namespace: 'gateway-system' };
const BACKEND = { name: 'web', port: 80 };
const many = (n: number, f: (i: number) => any) => Array.from({ length: n }, (_, i) => f(i));

/** The route the cases change: attached to a Gateway, one rule to the Service web. */
const spec = (patch: any = {}) => ({ parentRefs: [GATEWAY], rules: [{ backendRefs: [BACKEND] }], ...patch });
/** `spec` with one rule holding `rule`. */
const withRule = (rule: any) => spec({ rules: [rule] });
/** `spec` with one rule to the Service web through `filters`. */
const withFilters = (...filters: any[]) => withRule({ filters, backendRefs: [BACKEND] });

/** Findings of the route with `spec`, applied with its Deployment and Service. */
const findingsOf = (s: any): ValidationFinding[] => Validator.validateManifests([deployment(), service(), route(s)]);

/** Valid settings of each filter type. */
const FILTERS: Record<string, [string, any]> = {
  RequestHeaderModifier: ['requestHeaderModifier', { set: [{ name: 'x-env', value: 'prod' }] }],
  ResponseHeaderModifier: ['responseHeaderModifier', { remove: ['server'] }],
  RequestMirror: ['requestMirror', { backendRef: { name: 'web', port: 80 } }],
  RequestRedirect: ['requestRedirect', { scheme: 'https' }],
  URLRewrite: ['urlRewrite', { hostname: 'web.internal' }],
  ExtensionRef: ['extensionRef', { group: 'example.com', kind: 'Policy', name: 'p' }],
  CORS: ['cors', { allowOrigins: ['https://example.com'] }],
};
const filter = (type: string) => ({ type, [FILTERS[type][0]]: FILTERS[type][1] });

test('the route the cases start from has no finding, and the CRD\'s CEL rules accept it', () => {
  expect(findingsOf(spec())).toEqual([]);
  expect(celRefusals(SCHEMA, route(spec()))).toEqual([]);
});

/** A case: the route's spec, the fields of its findings, a part of their message, a part of the CRD rule's message. */
type Case = [string, any, string[], string, string];

const cases: Case[] = [
  ['parentRefs: every reference to a parent referenced twice names a listener', spec({ parentRefs: [{ ...GATEWAY, sectionName: 'https' }, GATEWAY] }),
    ['/spec/parentRefs/1/sectionName'], 'references the Gateway "public" more than once: each reference to it must name a listener', 'sectionName must be specified'],
  ['parentRefs: no two references to a parent name the same listener', spec({ parentRefs: [{ ...GATEWAY, sectionName: 'https' }, { ...GATEWAY, sectionName: 'https' }] }),
    ['/spec/parentRefs/1/sectionName'], 'an earlier reference to the Gateway "public" names the listener "https" too', 'sectionName must be unique'],
  ['rules: at most 128 matches in the route', spec({ rules: many(3, r => ({ matches: many(50, i => ({ path: { type: 'PathPrefix', value: `/r${r}/p${i}` } })), backendRefs: [BACKEND] })) }),
    ['/spec/rules'], 'the rules hold 150 matches together (a rule without matches counts as one): the API server takes at most 128', 'total number of matches across all rules'],
  ['a rule with a RequestRedirect filter has no backendRefs', withFilters(filter('RequestRedirect')),
    ['/spec/rules/0/filters/0'], 'it must have no backendRefs', 'RequestRedirect filter must not be used together with backendRefs'],
  ['a RequestRedirect replacing the path prefix needs one PathPrefix match', withRule({ matches: [{ path: { type: 'Exact', value: '/a' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' } } }] }),
    ['/spec/rules/0/matches'], 'a RequestRedirect with path.replacePrefixMatch needs exactly one match, of type PathPrefix', 'When using RequestRedirect filter with path.replacePrefixMatch'],
  ['a URLRewrite replacing the path prefix needs one PathPrefix match', withRule({ matches: [{ path: { value: '/a' } }, { path: { value: '/b' } }], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/c' } } }], backendRefs: [BACKEND] }),
    ['/spec/rules/0/matches'], 'a URLRewrite with path.replacePrefixMatch needs exactly one match', 'When using URLRewrite filter with path.replacePrefixMatch'],
  ['a backend\'s RequestRedirect replacing the path prefix needs one PathPrefix match', withRule({ matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [{ ...BACKEND, filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' } } }] }] }),
    ['/spec/rules/0/matches'], 'a RequestRedirect with path.replacePrefixMatch', 'Within backendRefs, when using RequestRedirect filter'],
  ['a backend\'s URLRewrite replacing the path prefix needs one PathPrefix match', withRule({ matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [{ ...BACKEND, filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' } } }] }] }),
    ['/spec/rules/0/matches'], 'a URLRewrite with path.replacePrefixMatch', 'Within backendRefs, When using URLRewrite filter'],
  ['a Service backend names a port', withRule({ backendRefs: [{ name: 'web' }] }),
    ['/spec/rules/0/backendRefs/0'], 'the backend Service "web" has no port', 'Must have port for Service reference'],
  ['a mirror\'s Service backend names a port', withFilters({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'web' } } }),
    ['/spec/rules/0/filters/0/requestMirror/backendRef'], 'the mirror\'s backend Service "web" has no port', 'Must have port for Service reference'],
  ['a RequestRedirect and a URLRewrite filter exclude each other', withRule({ filters: [filter('RequestRedirect'), filter('URLRewrite')] }),
    ['/spec/rules/0/filters'], 'a RequestRedirect and a URLRewrite filter exclude each other', 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite'],
  ...['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'].map((type): Case => [
    `a list of filters holds one ${type} filter`, withRule({ filters: [filter(type), filter(type)], ...(type === 'RequestRedirect' ? {} : { backendRefs: [BACKEND] }) }),
    ['/spec/rules/0/filters/1'], `a second ${type} filter`, `${type} filter cannot be repeated`]),
  ...Object.entries(FILTERS).map(([type, [field]]): Case => [
    `a filter of type ${type} sets ${field}`, withRule({ filters: [{ type }] }), ['/spec/rules/0/filters/0'], `a filter of type ${type} must set ${field}`, `filter.${field} must be specified for ${type} filter.type`]),
  ...Object.entries(FILTERS).map(([type, [field, settings]]): Case => [
    `${field} only on a filter of type ${type}`, withRule({ filters: [{ ...filter(type === 'CORS' ? 'RequestHeaderModifier' : 'CORS'), [field]: settings }] }),
    [`/spec/rules/0/filters/0/${field}`], `${field} is set but the filter's type is`, `filter.${field} must be nil if the filter.type is not ${type}`]),
  ...['allowOrigins', 'allowMethods', 'allowHeaders'].map((field): Case => [
    `CORS ${field}: "*" alone`, withFilters({ type: 'CORS', cors: { [field]: ['*', field === 'allowOrigins' ? 'https://example.com' : field === 'allowMethods' ? 'GET' : 'x-env'] } }),
    [`/spec/rules/0/filters/0/cors/${field}`], '"*" allows every value: list it alone', 'cannot contain \'*\' alongside other']),
  ['a mirror takes percent or fraction, not both', withFilters({ type: 'RequestMirror', requestMirror: { backendRef: BACKEND, percent: 10, fraction: { numerator: 1 } } }),
    ['/spec/rules/0/filters/0/requestMirror'], 'set percent or fraction of the requests to mirror, not both', 'Only one of percent or fraction'],
  ['a mirror fraction is at most 1', withFilters({ type: 'RequestMirror', requestMirror: { backendRef: BACKEND, fraction: { numerator: 3, denominator: 2 } } }),
    ['/spec/rules/0/filters/0/requestMirror/fraction'], 'the numerator 3 exceeds the denominator 2', 'numerator must be less than or equal to denominator'],
  ...(['requestRedirect', 'urlRewrite'] as const).flatMap((field): Case[] => {
    const type = field === 'requestRedirect' ? 'RequestRedirect' : 'URLRewrite';
    const at = `/spec/rules/0/filters/0/${field}/path`;
    const rule = (path: any) => withRule({ filters: [{ type, [field]: { path } }], ...(type === 'URLRewrite' ? { backendRefs: [BACKEND] } : {}) });
    return [
      [`${field} path of type ReplaceFullPath sets replaceFullPath`, rule({ type: 'ReplaceFullPath' }), [at], 'of type ReplaceFullPath must set replaceFullPath', 'replaceFullPath must be specified when type is set to \'ReplaceFullPath\''],
      [`${field} path of type ReplacePrefixMatch sets replacePrefixMatch`, rule({ type: 'ReplacePrefixMatch' }), [at], 'of type ReplacePrefixMatch must set replacePrefixMatch', 'replacePrefixMatch must be specified when type is set to \'ReplacePrefixMatch\''],
      [`${field} path: replaceFullPath only with type ReplaceFullPath`, rule({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/b', replaceFullPath: '/a' }), [`${at}/replaceFullPath`], 'replaceFullPath is set but the path modifier\'s type is ReplacePrefixMatch', 'type must be \'ReplaceFullPath\' when replaceFullPath is set'],
      [`${field} path: replacePrefixMatch only with type ReplacePrefixMatch`, rule({ type: 'ReplaceFullPath', replaceFullPath: '/a', replacePrefixMatch: '/b' }), [`${at}/replacePrefixMatch`], 'replacePrefixMatch is set but the path modifier\'s type is ReplaceFullPath', 'type must be \'ReplacePrefixMatch\' when replacePrefixMatch is set'],
    ];
  }),
  ...([
    ['starts with "/"', 'Exact', 'api', 'does not start with "/"', 'must be an absolute path'],
    ['no "//"', 'PathPrefix', '/a//b', 'contains "//"', 'must not contain \'//\''],
    ['no "/./"', 'PathPrefix', '/a/./b', 'contains "/./"', 'must not contain \'/./\''],
    ['no "/../"', 'Exact', '/a/../b', 'contains "/../"', 'must not contain \'/../\''],
    ['no "%2f"', 'PathPrefix', '/a%2fb', 'contains "%2f"', 'must not contain \'%2f\''],
    ['no "%2F"', 'PathPrefix', '/a%2Fb', 'contains "%2F"', 'must not contain \'%2F\''],
    ['no "#"', 'Exact', '/a#b', 'contains "#"', 'must not contain \'#\''],
    ['no trailing "/.."', 'PathPrefix', '/a/..', 'ends with "/.."', 'must not end with \'/..\''],
    ['no trailing "/."', 'Exact', '/a/.', 'ends with "/."', 'must not end with \'/.\''],
    ['valid characters', 'PathPrefix', '/a b', 'has characters other than', 'must only contain valid characters'],
  ] as const).map(([name, type, value, message, crd]): Case => [
    `${type} path values: ${name}`, withRule({ matches: [{ path: { type, value } }], backendRefs: [BACKEND] }), ['/spec/rules/0/matches/0/path/value'], `the ${type} path "${value}" ${message}`, crd]),
  ['timeouts: backendRequest within request', withRule({ backendRefs: [BACKEND], timeouts: { request: '10s', backendRequest: '1m' } }),
    ['/spec/rules/0/timeouts/backendRequest'], 'the backend request timeout 1m is longer than the request timeout 10s', 'backendRequest timeout cannot be longer than request timeout'],
];

describe('CEL rules of the HTTPRoute CRD: one finding per rule, naming the object and the field', () => {
  test.each(cases)('%s', (_name, s, fields, message, crdMessage) => {
    const findings = findingsOf(s);
    expect(findings.map(f => f.field)).toEqual(fields);
    for (const f of findings) expect(f).toMatchObject({ rule: 'cel', object: 'HTTPRoute shop/web' });
    expect(findings[0].message).toContain(message);
    // the CRD's own rule refuses the route, at the field or above it
    const refusals = celRefusals(SCHEMA, route(s));
    expect(refusals.map(r => r.message)).toContainEqual(expect.stringContaining(crdMessage));
    for (const field of fields) expect(refusals.some(r => `${field}/`.startsWith(`${r.path}/`))).toBe(true);
  });
});

test('a request timeout of 0 turns it off: any backendRequest timeout is fine', () => {
  const s = withRule({ backendRefs: [BACKEND], timeouts: { request: '0s', backendRequest: '1m' } });
  expect(findingsOf(s)).toEqual([]);
  expect(celRefusals(SCHEMA, route(s))).toEqual([]);
});

test('a rule without matches counts as one match (128 in all is the limit); a ReplacePrefixMatch filter goes with it (the default match is PathPrefix "/")', () => {
  const s = spec({ rules: [...many(2, i => ({ matches: many(63, j => ({ path: { value: `/r${i}/p${j}` } })), backendRefs: [BACKEND] })), { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }], backendRefs: [BACKEND] }] });
  expect(findingsOf(s)).toEqual([]);
  expect(celRefusals(SCHEMA, route(s))).toEqual([]);
  const atLimit = spec({ rules: [...s.rules, { backendRefs: [BACKEND] }] });
  expect(findingsOf(atLimit)).toEqual([]);
  const over = spec({ rules: [...atLimit.rules, { backendRefs: [BACKEND] }] });
  expect(findingsOf(over).map(f => f.message)).toEqual([expect.stringContaining('the rules hold 129 matches')]);
  expect(celRefusals(SCHEMA, route(over)).map(r => r.path)).toEqual(['/spec/rules']);
});

test('a backend in another namespace is looked up there', () => {
  const findings = findingsOf(withRule({ backendRefs: [{ ...BACKEND, namespace: 'other' }] }));
  expect(findings).toEqual([expect.objectContaining({ rule: 'route', object: 'HTTPRoute shop/web', field: '/spec/rules/0/backendRefs/0/namespace' })]);
  expect(findings[0].message).toContain('the backend Service "web" in namespace "other" is not applied with the route (a backend in another namespace also needs a ReferenceGrant');
});

describe('the limits the CRD\'s schema holds are schema findings', () => {
  test.each<[string, any, string, string]>([
    ['a weight from 0 to 1,000,000', withRule({ backendRefs: [{ ...BACKEND, weight: 1_000_001 }] }), '/spec/rules/0/backendRefs/0/weight', 'must be <= 1000000'],
    ['at most 16 backendRefs in a rule', withRule({ backendRefs: many(17, () => BACKEND) }), '/spec/rules/0/backendRefs', 'must NOT have more than 16 items'],
    ['at most 64 matches in a rule', withRule({ matches: many(65, i => ({ path: { value: `/p${i}` } })), backendRefs: [BACKEND] }), '/spec/rules/0/matches', 'must NOT have more than 64 items'],
    ['at most 16 rules', spec({ rules: many(17, () => ({ backendRefs: [BACKEND] })) }), '/spec/rules', 'must NOT have more than 16 items'],
    ['at most 16 hostnames', spec({ hostnames: many(17, i => `h${i}.example.com`) }), '/spec/hostnames', 'must NOT have more than 16 items'],
    ['hostnames are DNS names with an optional leading "*."', spec({ hostnames: ['*'] }), '/spec/hostnames/0', 'must match pattern'],
    ['at most 32 parentRefs', spec({ parentRefs: many(33, i => ({ name: `gw-${i}` })) }), '/spec/parentRefs', 'must NOT have more than 32 items'],
    ['path types are Exact, PathPrefix or RegularExpression', withRule({ matches: [{ path: { type: 'Prefix', value: '/' } }], backendRefs: [BACKEND] }), '/spec/rules/0/matches/0/path/type', 'must be equal to one of the allowed values'],
  ])('%s', (_name, s, field, message) => {
    const findings = findingsOf(s).filter(f => f.rule === 'schema');
    expect(findings.map(f => f.field)).toContain(field);
    expect(findings.find(f => f.field === field)!.message).toContain(message);
  });
});
