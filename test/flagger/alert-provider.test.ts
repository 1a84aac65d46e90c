import { Testing } from 'cdk8s';
import { AlertProvider, AlertProviderProps, AlertProviderType } from '../../lib';
import { schemaErrors } from '../support/schema';
import { synthValid } from '../support/validate';
import { expectPropError } from '../support/errors';


const bad = (v: unknown) => v as any;

describe('AlertProvider', () => {
  const slack: AlertProviderProps = { name: 'slack', type: AlertProviderType.SLACK, channel: 'deployments', username: 'flagger', secretName: 'slack-url' };
  const make = (props: Partial<AlertProviderProps> = {}) => {
    const chart = Testing.chart();
    const provider = new AlertProvider(chart, 'provider', { ...slack, ...props });
    return { chart, provider };
  };

  test('a Slack provider reading its webhook URL from a Secret (exactly one of address and secretRef: the CRD oneOf)', () => {
    const { chart, provider } = make();
    const objects = synthValid(chart);
    expect(objects).toEqual([{
      apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider', metadata: { name: 'slack' },
      spec: { type: 'slack', channel: 'deployments', username: 'flagger', secretRef: { name: 'slack-url' } },
    }]);
    expect(provider.type).toBe(AlertProviderType.SLACK);
    expect(objects).toMatchSnapshot();
  });

  test('an inline address with a proxy, for every chat type', () => {
    const chart = Testing.chart();
    Object.values(AlertProviderType).forEach(type => new AlertProvider(chart, type, { name: type, type, address: 'https://hooks.example.com/x', proxy: 'http://proxy.internal:3128' }));
    const objects = synthValid(chart);
    expect(objects.map(o => o.spec.type)).toEqual(['slack', 'msteams', 'discord', 'rocket', 'gchat']);
    expect(objects[0].spec).toEqual({ type: 'slack', address: 'https://hooks.example.com/x', proxy: 'http://proxy.internal:3128' });
  });

  test('the CRD oneOf rejects both address and secretRef (our validation matches the schema)', () => {
    const obj = { apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider', metadata: { name: 'x' }, spec: { type: 'slack', address: 'https://x', secretRef: { name: 's' } } };
    expect(schemaErrors(obj).join('\n')).toContain('oneOf');
  });

  test.each<[string, Partial<AlertProviderProps>, string, unknown, string]>([
    ['name is a DNS subdomain', { name: 'Slack!' }, 'name', 'Slack!', 'DNS-1123 subdomain'],
    ['namespace is a DNS label', { namespace: 'Flagger' }, 'namespace', 'Flagger', 'DNS-1123 label'],
    ['type is in the enum', { type: bad('pagerduty') }, 'type', 'pagerduty', 'must be one of slack'],
    ['address is an http(s) URL', { secretName: undefined, address: 'hooks.example.com' }, 'address', 'hooks.example.com', 'http:// or https://'],
    ['proxy is an http(s) URL', { proxy: 'proxy:3128' }, 'proxy', 'proxy:3128', 'http:// or https://'],
    ['secretName is a DNS subdomain', { secretName: 'Slack URL' }, 'secretName', 'Slack URL', 'DNS-1123 subdomain'],
    ['annotations are valid', { annotations: { 'a b': 'x' } }, 'annotations.a b', 'a b', 'annotation keys'],
  ])('%s', (_rule, props, prop, value, rule) => {
    expectPropError(() => make(props), prop, value, rule);
  });

  test('exactly one of address and secretName: both or neither are refused', () => {
    const rule = 'set exactly one of address and secretName';
    expectPropError(() => make({ address: 'https://hooks.example.com/x' }), 'address/secretName', { address: 'https://hooks.example.com/x', secretName: 'slack-url' }, rule);
    expectPropError(() => make({ secretName: undefined }), 'address/secretName', { address: undefined, secretName: undefined }, rule);
  });
});
