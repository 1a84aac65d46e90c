/**
 * One factory per strategy, each given the same common props, for tests
 * that check a rule of the shared app model on every strategy (the Flagger
 * apps with a loadtester in their chart and a load test in their analysis).
 */
import { Chart, Testing } from 'cdk8s';
import {
  AppBase, AppCommonProps, BlueGreenApp, BlueGreenSwitch, CanaryApp, CanaryProvider, Color, FlaggerBlueGreenApp, FlaggerLoadTester, NginxCanaryApp, ReplicaCanaryApp, RollingApp,
  RolloutBlueGreenApp, RolloutCanaryApp, RolloutMetric, RolloutTrafficRouter, RouteCanaryApp,
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
const route = { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['web.example.com'] };
const ingress = { className: 'nginx', hosts: ['web.example.com'] };
const rolloutAnalysis = { interval: '1m', threshold: 2, prometheusAddress: 'http://prometheus.monitoring:9090', metrics: [RolloutMetric.requestSuccessRate({ minPercent: 99 })] };
const rolloutCanary = (router: RolloutTrafficRouter): StrategyFactory => (chart, p) => new RolloutCanaryApp(chart, 'web', {
  name: 'web', image: V1, trafficRouter: router, analysis: { ...rolloutAnalysis, stepWeight: 20, maxWeight: 40 }, ...p,
  ...(router.type === 'nginx' ? { ingress: { ...ingress, ...p.ingress } } : {}),
});
const loadTest = (chart: Chart) => new FlaggerLoadTester(chart, 'loadtester').tester.heyLoadTest({ url: 'http://web.example.com/' });

/** Every strategy, by name. */
export const STRATEGIES: Array<[string, StrategyFactory]> = [
  ['RollingApp', (chart, p) => new RollingApp(chart, 'web', { name: 'web', image: V1, ...p })],
  ['BlueGreenApp', (chart, p) => new BlueGreenApp(chart, 'web', { name: 'web', blue: { image: V1 }, green: { image: V2 }, active: Color.BLUE, ...p })],
  ['ReplicaCanaryApp', (chart, p) => new ReplicaCanaryApp(chart, 'web', { name: 'web', stable: { image: V1 }, canary: { image: V2, replicas: 1 }, ...p })],
  ['NginxCanaryApp', (chart, p) => new NginxCanaryApp(chart, 'web', {
    name: 'web', stable: { image: V1 }, canary: { image: V2 }, ...p, ingress: { ...ingress, ...p.ingress },
  })],
  ['BlueGreenApp (switched by route)', (chart, p) => new BlueGreenApp(chart, 'web', {
    name: 'web', blue: { image: V1 }, green: { image: V2 }, active: Color.BLUE, switchBy: BlueGreenSwitch.ROUTE_BACKEND, route, ...p,
  })],
  ['RouteCanaryApp', (chart, p) => new RouteCanaryApp(chart, 'web', { name: 'web', stable: { image: V1 }, canary: { image: V2, replicas: 1 }, canaryWeight: 10, route, ...p })],
  ['CanaryApp', (chart, p) => new CanaryApp(chart, 'web', {
    name: 'web', image: V1, provider: gateway(), analysis: { interval: '1m', threshold: 2, stepWeight: 20, maxWeight: 40, webhooks: [loadTest(chart)] }, ...p,
  })],
  ['FlaggerBlueGreenApp', (chart, p) => new FlaggerBlueGreenApp(chart, 'web', {
    name: 'web', image: V1, analysis: { interval: '1m', threshold: 2, iterations: 3, webhooks: [loadTest(chart)] }, ...p,
  })],
  ['RolloutCanaryApp (gatewayApi)', rolloutCanary(RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] }))],
  ['RolloutCanaryApp (nginx)', rolloutCanary(RolloutTrafficRouter.nginx())],
  ['RolloutCanaryApp (istio)', rolloutCanary(RolloutTrafficRouter.istio({ virtualService: 'web' }))],
  ['RolloutCanaryApp (replicas)', rolloutCanary(RolloutTrafficRouter.replicas())],
  ['RolloutBlueGreenApp', (chart, p) => new RolloutBlueGreenApp(chart, 'web', { name: 'web', image: V1, analysis: { ...rolloutAnalysis, iterations: 3 }, ...p })],
];

/** The strategies Flagger drives. */
export const FLAGGER_STRATEGIES = STRATEGIES.filter(([name]) => name === 'CanaryApp' || name === 'FlaggerBlueGreenApp');

/** The strategies Argo Rollouts drives. */
export const ROLLOUT_STRATEGIES = STRATEGIES.filter(([name]) => name.startsWith('Rollout'));

/** The strategies whose requests come through a route of their own (their router, provider or `route`): a plain Ingress is refused. */
export const SELF_ROUTED = ['CanaryApp', 'BlueGreenApp (switched by route)', 'RouteCanaryApp', 'RolloutCanaryApp (gatewayApi)', 'RolloutCanaryApp (istio)'];
