import { Testing } from 'cdk8s';
import { Gateway, GatewayListenerProps, GatewayProps, GatewayProtocol, RollingApp, RouteNamespaces } from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';

const https: GatewayListenerProps = { name: 'https', hostname: '*.example.com', tlsSecretNames: ['wildcard-example-com'], allowedRoutes: RouteNamespaces.ALL };
const base: GatewayProps = { name: 'public', namespace: 'gateway-system', gatewayClassName: 'envoy-gateway', listeners: [{ name: 'http' }, https] };

function synth(props: Partial<GatewayProps> = {}) {
  const chart = Testing.chart();
  const gateway = new Gateway(chart, 'gateway', { ...base, ...props });
  return { gateway, objects: synthValid(chart) };
}

describe('a Gateway with an HTTP and an HTTPS listener', () => {
  const { gateway, objects } = synth({ labels: { team: 'platform' } });
  const spec = find(objects, 'Gateway', 'public').spec;

  test('validates against the v1.6.1 CRD, with the defaults made explicit', () => {
    expect(objects).toHaveLength(1);
    expect(objects[0].apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(objects[0].metadata).toEqual({ name: 'public', namespace: 'gateway-system', labels: { team: 'platform' } });
    expect(spec).toEqual({
      gatewayClassName: 'envoy-gateway',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
        {
          name: 'https', hostname: '*.example.com', port: 443, protocol: 'HTTPS',
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'wildcard-example-com' }] },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    });
  });

  test('ref() is what an app\'s route attaches with, to the Gateway or one listener', () => {
    expect(gateway.ref()).toEqual({ name: 'public', namespace: 'gateway-system', sectionName: undefined });
    const chart = Testing.chart();
    new RollingApp(chart, 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0', route: { parentRefs: [gateway.ref('https')] } });
    expect(find(synthValid(chart), 'HTTPRoute', 'web').spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }]);
  });

  test('namespaces selected by label', () => {
    const listener = { name: 'http', allowedRoutes: RouteNamespaces.SELECTOR, allowedNamespaceLabels: { 'gateway-access': 'public' } };
    expect(find(synth({ listeners: [listener] }).objects, 'Gateway', 'public').spec.listeners[0].allowedRoutes).toEqual({
      namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'public' } } },
    });
  });
});

describe('validation', () => {
  const make = (props: Partial<GatewayProps>) => () => new Gateway(Testing.chart(), 'gateway', { ...base, ...props });
  const listener = (l: Partial<GatewayListenerProps>) => make({ listeners: [{ name: 'http', ...l }] });

  test.each([
    ['name', { name: 'Public' }, 'Public', 'DNS-1123 subdomain'],
    ['namespace', { namespace: 'Gateways' }, 'Gateways', 'DNS-1123 label'],
    ['gatewayClassName', { gatewayClassName: 'Envoy' }, 'Envoy', 'DNS-1123 subdomain'],
  ])('%s is a valid name', (prop, props, value, rule) => {
    expectPropError(make(props), prop, value, rule);
  });

  test('1 to 64 listeners', () => {
    expectPropError(make({ listeners: [] }), 'listeners', [], 'a Gateway has 1 to 64 listeners');
  });

  test('CRD maxItems: the listener beyond the 64th is named, not the whole list', () => {
    const listeners = Array.from({ length: 66 }, (_, i) => ({ name: `l${i}`, port: 1000 + i }));
    expectPropError(make({ listeners }), 'listeners[64]', 'l64', 'a Gateway has at most 64 listeners (this one is the 65th of 66)');
  });

  test('listener names are DNS subdomains', () => {
    expectPropError(listener({ name: 'HTTP' }), 'listeners[0].name', 'HTTP', 'DNS-1123 subdomain');
  });

  test('CEL: listener names are unique', () => {
    expectPropError(make({ listeners: [{ name: 'web' }, { name: 'web', port: 8080 }] }), 'listeners[1].name', 'web', 'listener names must be unique');
  });

  test('protocol is HTTP or HTTPS', () => {
    expectPropError(listener({ protocol: 'TCP' as GatewayProtocol }), 'listeners[0].protocol', 'TCP', 'must be GatewayProtocol.HTTP or GatewayProtocol.HTTPS');
  });

  test('port is a port', () => {
    expectPropError(listener({ port: 0 }), 'listeners[0].port', 0, 'an integer from 1 to 65535');
  });

  test('hostname is a DNS name, optionally a wildcard', () => {
    expectPropError(listener({ hostname: '*' }), 'listeners[0].hostname', '*', 'hosts are DNS names');
  });

  test('CEL: an HTTP listener takes no TLS', () => {
    expectPropError(listener({ protocol: GatewayProtocol.HTTP, tlsSecretNames: ['tls'] }), 'listeners[0].tlsSecretNames', ['tls'], 'an HTTP listener takes no TLS settings');
  });

  test('CEL: an HTTPS listener terminates TLS with at least one certificate', () => {
    expectPropError(listener({ protocol: GatewayProtocol.HTTPS }), 'listeners[0].tlsSecretNames', undefined, 'give at least one certificate Secret');
  });

  test('certificate Secrets are DNS names', () => {
    expectPropError(listener({ tlsSecretNames: ['Web_TLS'] }), 'listeners[0].tlsSecretNames[0]', 'Web_TLS', 'DNS-1123 subdomain');
  });

  test('CEL: port, protocol and hostname are unique per listener', () => {
    expectPropError(make({ listeners: [{ name: 'a', hostname: 'a.example.com' }, { name: 'b', hostname: 'a.example.com' }] }), 'listeners[1]', 'b', 'the combination must be unique');
  });

  test('one protocol per port (implementations mark the listeners Conflicted)', () => {
    expectPropError(make({ listeners: [{ name: 'a' }, { name: 'b', port: 80, tlsSecretNames: ['tls'] }] }), 'listeners[0].port', 80, 'another listener serves HTTPS on this port');
  });

  test('SELECTOR needs namespace labels', () => {
    expectPropError(listener({ allowedRoutes: RouteNamespaces.SELECTOR }), 'listeners[0].allowedNamespaceLabels', undefined, 'RouteNamespaces.SELECTOR needs the namespace labels');
  });

  test('namespace labels only with SELECTOR', () => {
    expectPropError(listener({ allowedNamespaceLabels: { a: 'b' } }), 'listeners[0].allowedNamespaceLabels', { a: 'b' }, 'applies only with allowedRoutes: RouteNamespaces.SELECTOR');
  });

  test('allowedRoutes is a RouteNamespaces', () => {
    expectPropError(listener({ allowedRoutes: 'None' as RouteNamespaces }), 'listeners[0].allowedRoutes', 'None', 'must be RouteNamespaces.SAME, ALL or SELECTOR');
  });
});
