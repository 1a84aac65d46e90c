/**
 * Arbitraries of rollout plans built directly from their public factories
 * (`RolloutPlan.rollingUpdate`, `recreate`, `blueGreenSwitch`,
 * `replicaCanary`, `nginxCanary`, `routeCanary`, `flaggerCanary`,
 * `flaggerIterations`), with plain numbers that may be out of range.
 */
import * as fc from 'fast-check';
import { BasePlanProps, RolloutPlan } from '../../../lib';
import { countOrPercent } from './exposure';
import { deferred, Deferred, dnsName, int, labelValue, list, oneOf, props, quantity, url } from './values';

/** A plan factory call: `make` builds the plan (throwing as the factory does). */
export type PlanScenario = Deferred<void, RolloutPlan>;

const base = (): fc.Arbitrary<BasePlanProps> => fc.tuple(dnsName('web', 'api'), props<BasePlanProps>({
  namespace: dnsName('shop'), cpuRequest: quantity(), memoryRequest: quantity(), maxReplicas: int(1, 20), progressDeadlineSeconds: int(1, 3600),
  selectorLabel: oneOf('app.kubernetes.io/name=web'), fluxKustomization: dnsName('prod-web'), fluxNamespace: dnsName('flux-system'),
}, 0.2)).map(([name, rest]) => ({ name, ...rest }));

const replicas = () => int(0, 12);
const weights = () => list(int(1, 100), 4, 1);

function plan<P>(kind: string, own: fc.Arbitrary<P>, factory: (props: BasePlanProps & P) => RolloutPlan): fc.Arbitrary<PlanScenario> {
  return fc.tuple(base(), own).map(([b, o]) => {
    const p = { ...b, ...o };
    return deferred({ [kind]: p }, () => factory(p));
  });
}

const webhook = () => fc.tuple(dnsName('load-test'), props({ type: oneOf('rollout', 'pre-rollout'), url: url(), timeoutSeconds: int(1, 60) }, 0.4)).map(([name, o]) => ({ name, ...o }));
const metric = () => fc.tuple(dnsName('request-success-rate'), props({ min: int(0, 100), max: int(0, 1000), intervalSeconds: int(1, 600), templateName: dnsName('errors'), meaning: labelValue() }, 0.4))
  .map(([name, o]) => ({ name, ...o }));
const flagger = () => fc.tuple(replicas(), int(10, 600), int(1, 10), props({
  provider: oneOf('nginx', 'istio', 'gatewayapi:v1'), serviceName: dnsName('web'), ingressName: dnsName('web'), autoscalerName: dnsName('web'),
  configMaps: list(dnsName('web-config'), 2), secrets: list(dnsName('db'), 2), webhooks: list(webhook(), 2), metrics: list(metric(), 2), mirror: fc.boolean(), notes: list(labelValue(), 2),
}, 0.2)).map(([r, interval, threshold, o]) => ({ replicas: r, intervalSeconds: interval, threshold, ...o }));

/** A plan from any factory. */
export const planScenario = (): fc.Arbitrary<PlanScenario> => fc.oneof(
  plan('rollingUpdate', fc.tuple(replicas(), props({ maxSurge: countOrPercent(), maxUnavailable: countOrPercent(), minReadySeconds: int(0, 60) }, 0.4)).map(([r, o]) => ({ replicas: r, ...o })), RolloutPlan.rollingUpdate),
  plan('recreate', fc.tuple(replicas(), props({ minReadySeconds: int(0, 60) }, 0.4)).map(([r, o]) => ({ replicas: r, ...o })), RolloutPlan.recreate),
  plan('blueGreenSwitch', fc.tuple(oneOf('blue', 'green'), oneOf('green', 'blue'), replicas(), replicas(), props({ newVersionReplicas: replicas(), serviceName: dnsName('web'), previewServiceName: dnsName('web-preview'), colorLabel: oneOf('color'), routeName: dnsName('web') }, 0.3))
    .map(([activeColor, idleColor, activeReplicas, idleReplicas, o]) => ({ activeColor, idleColor, activeReplicas, idleReplicas, ...o })), RolloutPlan.blueGreenSwitch),
  plan('replicaCanary', fc.tuple(replicas(), replicas(), props({ canaryReplicaSteps: list(int(1, 10), 3, 1), canaryDeploymentName: dnsName('web-canary') }, 0.4))
    .map(([stableReplicas, canaryReplicas, o]) => ({ stableReplicas, canaryReplicas, ...o })), RolloutPlan.replicaCanary),
  plan('nginxCanary', fc.tuple(replicas(), replicas(), props({ weight: int(0, 100), weightSteps: weights(), header: oneOf('x-canary'), headerValue: oneOf('always'), headerPattern: oneOf('^b'), cookie: oneOf('canary'), canaryDeploymentName: dnsName('web-canary'), canaryIngressName: dnsName('web-canary') }, 0.2))
    .map(([stableReplicas, canaryReplicas, o]) => ({ stableReplicas, canaryReplicas, ...o })), RolloutPlan.nginxCanary),
  plan('routeCanary', fc.tuple(replicas(), replicas(), props({ weight: int(0, 100), weightSteps: weights(), matches: list(oneOf('header x-canary exact always'), 2), canaryDeploymentName: dnsName('web-canary'), routeName: dnsName('web') }, 0.3))
    .map(([stableReplicas, canaryReplicas, o]) => ({ stableReplicas, canaryReplicas, ...o })), RolloutPlan.routeCanary),
  plan('flaggerCanary', fc.tuple(flagger(), props({ maxWeight: int(1, 100), stepWeight: int(1, 100), stepWeights: weights(), stepWeightPromotion: int(1, 100) }, 0.4)).map(([f, o]) => ({ ...f, ...o })), RolloutPlan.flaggerCanary),
  plan('flaggerIterations', fc.tuple(flagger(), int(1, 10), props({ match: list(oneOf('header x-canary exact always'), 2) }, 0.3)).map(([f, iterations, o]) => ({ ...f, iterations, ...o })), RolloutPlan.flaggerIterations),
);
