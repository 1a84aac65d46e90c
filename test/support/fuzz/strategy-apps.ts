/**
 * Arbitraries of the apps without a controller (`RollingApp` with a rolling
 * update or Recreate, `BlueGreenApp`, `ReplicaCanaryApp`, `RouteCanaryApp`,
 * `NginxCanaryApp`), each with random common props of the shared app model.
 */
import * as fc from 'fast-check';
import { Construct } from 'constructs';
import {
  AppCommonProps, BlueGreenApp, BlueGreenSwitch, CanaryRouting, Color, DeploymentStrategy, NginxCanaryApp, ReplicaCanaryApp, RollingApp, RouteCanaryApp, TrafficMatch,
} from '../../../lib';
import { containerProps, versionProps } from './containers';
import { countOrPercent, exposureProps, ingress, route } from './exposure';
import { deferred, Deferred, dnsName, edgeNumber, host, int, list, oneOf, pick, props, usually } from './values';

/** An app defined in a chart (or another scope). */
export type AppScenario = Deferred<Construct, unknown>;

/** Common props with `name`: a few random features of the shared app model at a time. */
export const commonProps = (presence = 0.08): fc.Arbitrary<AppCommonProps> => fc.tuple(
  dnsName('web', 'api', 'shop'),
  props<AppCommonProps>({ namespace: dnsName('shop', 'payments'), ...containerProps(), ...exposureProps() }, presence),
).map(([name, rest]) => ({ ...rest, name, volumeMounts: rest.volumes ? (rest.volumeMounts ?? rest.volumes.map(v => ({ volume: v.name, path: `/mnt/${v.name}` }))) : undefined }));

/** A weight in percent. */
const weight = () => int(0, 100);

/** A header, cookie or query match. */
export const trafficMatch = (): fc.Arbitrary<TrafficMatch> => fc.oneof(
  fc.tuple(pick(['x-canary', 'X-Canary', 'user-agent'], ['bad header']), pick(['always', 'insider', '.*Firefox.*'], [''])).chain(([n, v]) => fc.constantFrom(
    TrafficMatch.headerExact(n, v), TrafficMatch.headerPrefix(n, v), TrafficMatch.headerSuffix(n, v), TrafficMatch.headerRegex(n, v))),
  fc.tuple(pick(['canary'], ['beta=1', '']), fc.option(pick(['always'], ['never', 'x']), { nil: undefined })).map(([n, v]) => TrafficMatch.cookie(n, v)),
  fc.tuple(oneOf('beta', 'Beta'), pick(['1', 'true'], ['['])).chain(([n, v]) => fc.constantFrom(TrafficMatch.queryParam(n, v), TrafficMatch.queryParamRegex(n, v))),
);

export const rollingApp = (): fc.Arbitrary<AppScenario> => fc.tuple(
  commonProps(), versionProps(),
  props({
    strategy: fc.oneof(
      fc.constant(DeploymentStrategy.recreate()),
      props({ maxSurge: countOrPercent(), maxUnavailable: countOrPercent() }, 0.5).map(o => DeploymentStrategy.rollingUpdate(o)),
    ),
    progressDeadlineSeconds: int(1, 3600),
    revisionHistoryLimit: int(0, 20),
  }, 0.3),
).map(([common, version, own]) => {
  const p = { ...common, ...version, ...own };
  return deferred({ RollingApp: p }, scope => new RollingApp(scope, 'app', p));
});

export const blueGreenApp = (): fc.Arbitrary<AppScenario> => fc.tuple(
  commonProps(),
  usually(fc.constantFrom('blue', 'green', 'both'), fc.constant('none')),
  versionProps(), versionProps(),
  props({
    switchBy: fc.constantFrom(BlueGreenSwitch.SERVICE_SELECTOR, BlueGreenSwitch.ROUTE_BACKEND),
    idleReplicas: usually(fc.integer({ min: 0, max: 3 }), edgeNumber()),
    previewHosts: list(host(), 2),
    route: route(),
    ingress: ingress(),
  }, 0.25),
  usually(fc.constantFrom(Color.BLUE, Color.GREEN), fc.constant('red' as Color)),
).map(([common, which, blue, green, own, active]) => {
  const p = { ...common, ...own, active: which === 'blue' || which === 'green' ? which as Color : active, blue: which === 'blue' || which === 'both' ? blue : undefined, green: which === 'green' || which === 'both' ? green : undefined };
  return deferred({ BlueGreenApp: p }, scope => new BlueGreenApp(scope, 'app', p));
});

export const replicaCanaryApp = (): fc.Arbitrary<AppScenario> => fc.tuple(commonProps(), versionProps(), fc.option(versionProps(), { nil: undefined, freq: 3 }))
  .map(([common, stable, canary]) => {
    const p = { ...common, stable, canary };
    return deferred({ ReplicaCanaryApp: p }, scope => new ReplicaCanaryApp(scope, 'app', p));
  });

export const routeCanaryApp = (): fc.Arbitrary<AppScenario> => fc.tuple(
  commonProps(), route(), versionProps(), fc.option(versionProps(), { nil: undefined, freq: 4 }),
  props({ canaryWeight: weight(), weightSteps: list(weight(), 4, 1), canaryMatches: list(trafficMatch(), 2) }, 0.35),
).map(([common, r, stable, canary, own]) => {
  const p = { ...common, route: common.route ?? r, stable, canary, ...own };
  return deferred({ RouteCanaryApp: p }, scope => new RouteCanaryApp(scope, 'app', p));
});

const canaryRouting = (): fc.Arbitrary<CanaryRouting> => fc.oneof(
  weight().map(CanaryRouting.weight),
  fc.tuple(pick(['x-canary', 'X-Canary'], ['bad header']), fc.option(pick(['always', 'yes'], ['never', '']), { nil: undefined })).map(([n, v]) => CanaryRouting.header(n, v)),
  fc.tuple(oneOf('x-canary'), pick(['^beta.*'], ['('])).map(([n, p]) => CanaryRouting.headerPattern(n, p)),
  pick(['canary', 'Canary'], ['']).map(CanaryRouting.cookie),
);

export const nginxCanaryApp = (): fc.Arbitrary<AppScenario> => fc.tuple(
  commonProps(), ingress(), versionProps(), fc.option(versionProps(), { nil: undefined, freq: 4 }), fc.option(canaryRouting(), { nil: undefined }),
).map(([common, ing, stable, canary, routing]) => {
  const p = { ...common, ingress: { className: 'nginx', hosts: ['web.example.com'], ...common.ingress ?? ing }, stable, canary, routing };
  return deferred({ NginxCanaryApp: p }, scope => new NginxCanaryApp(scope, 'app', p));
});

/** Any app without a controller. */
export const strategyApp = (): fc.Arbitrary<AppScenario> => fc.oneof(rollingApp(), blueGreenApp(), replicaCanaryApp(), routeCanaryApp(), nginxCanaryApp());
