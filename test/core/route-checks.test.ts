/**
 * The HTTPRoute rules the v1.6.1 CRD enforces through schema limits and CEL
 * rules, checked at synth time: one test per rule, through the `route` prop
 * every app takes (RouteCanaryApp checks its A/B matches with the same rules).
 */
import { Testing } from 'cdk8s';
import { HttpRouteProps, RollingApp, RoutePath } from '../../lib';
import { expectPropError } from '../support/errors';
import { synthValid } from '../support/validate';

const gateway = { name: 'public', namespace: 'gateway-system' };
const make = (route: Partial<HttpRouteProps>) => () => new RollingApp(Testing.chart(), 'web', {
  name: 'web', image: 'ghcr.io/acme/web:2.1.0', route: { parentRefs: [gateway], ...route },
});
const many = (n: number, f: (i: number) => any) => Array.from({ length: n }, (_, i) => f(i));

describe('parentRefs', () => {
  test('at least one Gateway', () => {
    expectPropError(make({ parentRefs: [] }), 'route.parentRefs', [], 'list at least one Gateway to attach the HTTPRoute to');
  });

  test('at most 32', () => {
    expectPropError(make({ parentRefs: many(33, i => ({ name: `gw-${i}` })) }), 'route.parentRefs', 33, 'at most 32 parents');
  });

  test.each([
    ['name', { name: 'Public' }, 'Public', 'DNS-1123 subdomain'],
    ['namespace', { name: 'public', namespace: 'Gateways' }, 'Gateways', 'DNS-1123 label'],
    ['sectionName', { name: 'public', sectionName: 'HTTPS' }, 'HTTPS', 'DNS-1123 subdomain'],
    ['port', { name: 'public', port: 70000 }, 70000, 'an integer from 1 to 65535'],
  ])('a valid %s', (field, ref, value, rule) => {
    expectPropError(make({ parentRefs: [ref] }), `route.parentRefs[0].${field}`, value, rule);
  });

  test('CEL: two references to one Gateway need a sectionName each', () => {
    expectPropError(make({ parentRefs: [gateway, { ...gateway, port: 443 }] }), 'route.parentRefs[0].sectionName', undefined,
      'Gateway "public" is referenced more than once: give each of its references a different sectionName');
  });

  test('CEL: two references to one Gateway name different listeners', () => {
    expectPropError(make({ parentRefs: [{ ...gateway, sectionName: 'https' }, { ...gateway, sectionName: 'https', port: 443 }] }), 'route.parentRefs[1].sectionName', 'https', 'referenced more than once');
  });

  test('the same Gateway name in two namespaces, or one Gateway by two listeners, is fine', () => {
    const chart = Testing.chart();
    new RollingApp(chart, 'web', {
      name: 'web', image: 'ghcr.io/acme/web:2.1.0',
      route: { parentRefs: [gateway, { name: 'public', namespace: 'other' }, { name: 'internal', sectionName: 'a' }, { name: 'internal', sectionName: 'b' }] },
    });
    expect(synthValid(chart).find(o => o.kind === 'HTTPRoute').spec.parentRefs).toHaveLength(4);
  });
});

describe('hostnames', () => {
  test('at most 16', () => {
    expectPropError(make({ hostnames: many(17, i => `h${i}.example.com`) }), 'route.hostnames', 17, 'at most 16 hostnames');
  });

  test.each([['10.0.0.1'], ['*'], ['Web.example.com'], ['web.*.example.com'], ['web_1.example.com']])('DNS names with an optional leading "*.": %s', host => {
    expectPropError(make({ hostnames: [host] }), 'route.hostnames[0]', host, 'hosts are DNS names');
  });
});

describe('paths', () => {
  test('at least one when given', () => {
    expectPropError(make({ paths: [] }), 'route.paths', [], 'list one or more paths');
  });

  test('at most 64 (the matches of one rule)', () => {
    expectPropError(make({ paths: many(65, i => RoutePath.prefix(`/p${i}`)) }), 'route.paths', 65, 'at most 64 matches');
  });

  test.each([['api'], ['/a//b'], ['/a/./b'], ['/a/../b'], ['/a%2fb'], ['/a%2Fb'], ['/a#b'], ['/a/..'], ['/a/.'], ['/a b'], ['/a"b'], ['/' + 'a'.repeat(1024)]])(
    'CEL: PathPrefix and Exact paths are absolute, clean and of allowed characters: %s', path => {
      expectPropError(make({ paths: [RoutePath.exact(path)] }), 'route.paths[0]', path, 'PathPrefix and Exact paths start with "/"');
      expectPropError(make({ paths: [RoutePath.prefix('/'), RoutePath.prefix(path)] }), 'route.paths[1]', path, 'contain no "//", "/./", "/../", "%2f" or "#"');
    });

  test('a regular expression is 1 to 1024 characters (its syntax is the implementation\'s)', () => {
    expectPropError(make({ paths: [RoutePath.regex('')] }), 'route.paths[0]', '', 'a path pattern is 1 to 1024 characters');
    expect(make({ paths: [RoutePath.regex('/a//b(?i)')] })).not.toThrow();
  });
});

describe('timeouts', () => {
  test.each(['requestTimeout', 'backendRequestTimeout'])('%s is a Gateway API duration', prop => {
    expectPropError(make({ [prop]: '1.5s' }), `route.${prop}`, '1.5s', 'Gateway API durations are up to 4 whole numbers of h, m, s or ms');
  });

  test('CEL: backendRequestTimeout does not exceed requestTimeout', () => {
    expectPropError(make({ requestTimeout: '10s', backendRequestTimeout: '1m' }), 'route.backendRequestTimeout', '1m', 'must not exceed requestTimeout (10s)');
  });

  test('a request timeout of 0s (disabled) or none leaves the backend timeout free', () => {
    expect(make({ requestTimeout: '0s', backendRequestTimeout: '1m' })).not.toThrow();
    expect(make({ backendRequestTimeout: '1h' })).not.toThrow();
    expect(make({ requestTimeout: '1m30s', backendRequestTimeout: '90s' })).not.toThrow();
  });
});

describe('header modifiers', () => {
  test('at most 16 headers per list', () => {
    const set = Object.fromEntries(many(17, i => [`x-h${i}`, 'v']));
    expectPropError(make({ requestHeaders: { set } }), 'route.requestHeaders.set', Object.keys(set), 'at most 16 headers per list');
  });

  test('header names are HTTP tokens', () => {
    expectPropError(make({ responseHeaders: { remove: ['x bad'] } }), 'route.responseHeaders.remove', 'x bad', 'header names are HTTP tokens');
  });

  test('each header once per list, whatever its case', () => {
    expectPropError(make({ requestHeaders: { set: { 'X-Team': 'a', 'x-team': 'b' } } }), 'route.requestHeaders.set', 'x-team', 'header names are case-insensitive: list each header once');
  });

  test('values are 1 to 4096 characters', () => {
    expectPropError(make({ requestHeaders: { add: { 'x-team': '' } } }), 'route.requestHeaders.add.x-team', '', 'header values are 1 to 4096 characters');
  });
});

test('route annotations are valid annotation keys', () => {
  expectPropError(make({ annotations: { 'bad key': 'v' } }), 'route.annotations.bad key', 'bad key', 'annotation keys');
});

test('messages start with the construct path', () => {
  expect(make({ parentRefs: [] })).toThrow(/^test\/web: invalid 'route.parentRefs'/);
});
