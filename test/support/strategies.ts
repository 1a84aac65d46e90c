/**
 * One factory per strategy, each given the same common props, for tests
 * that check a rule of the shared app model on every strategy (the Flagger
 * apps with a loadtester in their chart and a load test in their analysis).
 */
import { Chart, Testing } from 'cdk8s';
import {
  AppBase, AppCommonProps, BlueGreenApp, CanaryApp, CanaryProvider, Color, FlaggerBlueGreenApp, FlaggerLoadTester, NginxCanaryApp, ReplicaCanaryApp, RollingApp,
} from '../../lib';

const V1 = 'ghcr.io/acme/web:1.0.0';
const V2 = 'ghcr.io/acme/web:2.0.0';
/** The namespace of the charts the factories use. */
export const NAMESPACE = 'shop';

/** Common props with a name. */
export type Common = Partial<AppCommonProps> & { name?: string };

/** A chart in namespace `shop`. */
export function shopChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: NAMESPACE });
}

/** Defines an app of one strategy named `web` in `chart`, with `common` props. */
export type StrategyFactory = (chart: Chart, common: Common) => AppBase;

const gateway = () => CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] });
const loadTest = (chart: Chart) => new FlaggerLoadTester(chart, 'loadtester').tester.heyLoadTest({ url: 'http://web.example.com/' });

/** Every strategy, by name. */
export const STRATEGIES: Array<[string, StrategyFactory]> = [
  ['RollingApp', (chart, p) => new RollingApp(chart, 'web', { name: 'web', image: V1, ...p })],
  ['BlueGreenApp', (chart, p) => new BlueGreenApp(chart, 'web', { name: 'web', blue: { image: V1 }, green: { image: V2 }, active: Color.BLUE, ...p })],
  ['ReplicaCanaryApp', (chart, p) => new ReplicaCanaryApp(chart, 'web', { name: 'web', stable: { image: V1 }, canary: { image: V2, replicas: 1 }, ...p })],
  ['NginxCanaryApp', (chart, p) => new NginxCanaryApp(chart, 'web', {
    name: 'web', stable: { image: V1 }, canary: { image: V2 }, ...p, ingress: { className: 'nginx', hosts: ['web.example.com'], ...p.ingress },
  })],
  ['CanaryApp', (chart, p) => new CanaryApp(chart, 'web', {
    name: 'web', image: V1, provider: gateway(), analysis: { interval: '1m', threshold: 2, stepWeight: 20, maxWeight: 40, webhooks: [loadTest(chart)] }, ...p,
  })],
  ['FlaggerBlueGreenApp', (chart, p) => new FlaggerBlueGreenApp(chart, 'web', {
    name: 'web', image: V1, analysis: { interval: '1m', threshold: 2, iterations: 3, webhooks: [loadTest(chart)] }, ...p,
  })],
];

/** The strategies Flagger drives. */
export const FLAGGER_STRATEGIES = STRATEGIES.filter(([name]) => name === 'CanaryApp' || name === 'FlaggerBlueGreenApp');
