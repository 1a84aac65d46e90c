import { Testing } from 'cdk8s';
import { AppContainerProps, PreStop, RollingApp, RollingAppProps } from '../../lib';
import { expectPropError } from '../support/errors';
import { ROLLOUT_STRATEGIES, shopChart, STRATEGIES } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };
const sidecar: AppContainerProps = { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', ports: [{ name: 'proxy-admin', port: 9901 }] };

function container(props: Partial<RollingAppProps>) {
  const chart = Testing.chart();
  new RollingApp(chart, 'web', { ...base, ...props });
  return find(synthValid(chart), 'Deployment', 'web').spec.template.spec;
}

describe('preStop hooks', () => {
  test('sleep runs `sleep` in the container (Kubernetes 1.28 has no sleep action)', () => {
    expect(container({ preStop: PreStop.sleep(10) }).containers[0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '10'] } } });
  });

  test('exec runs the command; an HTTP hook calls the main port or the one named', () => {
    expect(container({ preStop: PreStop.exec(['/bin/drain']) }).containers[0].lifecycle.preStop).toEqual({ exec: { command: ['/bin/drain'] } });
    expect(container({ preStop: PreStop.httpGet('/drain') }).containers[0].lifecycle.preStop).toEqual({ httpGet: { path: '/drain', port: 'http' } });
    const spec = container({ sidecars: [{ ...sidecar, preStop: PreStop.httpGet('/quit', { port: '9901', expectedSeconds: 5 }) }] });
    expect(spec.containers[1].lifecycle.preStop).toEqual({ httpGet: { path: '/quit', port: 9901 } });
  });

  test('a grace period longer than the hooks is emitted', () => {
    expect(container({ preStop: PreStop.sleep(40), terminationGracePeriodSeconds: 60 }).terminationGracePeriodSeconds).toBe(60);
  });
});

test.each(STRATEGIES)('%s: minReadySeconds is set on every Deployment or Rollout of the app', (_strategy, make) => {
  const chart = shopChart();
  make(chart, { minReadySeconds: 15 });
  const workloads = synthValid(chart).filter(o => (o.kind === 'Deployment' || o.kind === 'Rollout') && o.metadata.name.startsWith('web'));
  expect(workloads.length).toBeGreaterThan(0);
  for (const d of workloads) expect({ name: d.metadata.name, minReadySeconds: d.spec.minReadySeconds }).toEqual({ name: d.metadata.name, minReadySeconds: 15 });
});

describe('validation', () => {
  const make = (props: Partial<RollingAppProps>) => () => new RollingApp(Testing.chart(), 'web', { ...base, ...props });
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['hooks are PreStops', make({ preStop: { kind: 'sleep' } as unknown as PreStop }), 'preStop', { kind: 'sleep' }, 'must be a PreStop such as PreStop.sleep(5)'],
    ['sleeps last whole seconds', make({ preStop: PreStop.sleep(0) }), 'preStop.seconds', 0, 'must be an integer >= 1'],
    ['expected durations are whole seconds', make({ preStop: PreStop.exec(['/bin/drain'], { expectedSeconds: 0.5 }) }), 'preStop.expectedSeconds', 0.5, 'must be an integer >= 1'],
    ['exec hooks have a command', make({ preStop: PreStop.exec([]) }), 'preStop.command', [], 'exec hooks need a command'],
    ['HTTP hook paths are absolute', make({ preStop: PreStop.httpGet('drain') }), 'preStop.path', 'drain', 'HTTP hook paths start with "/"'],
    ['HTTP hooks call a declared port', make({ preStop: PreStop.httpGet('/drain', { port: 'admin' }) }), 'preStop.port', 'admin', 'HTTP hooks must call a declared container port: http'],
    ['a sidecar\'s HTTP hook calls its own port', make({ sidecars: [{ ...sidecar, preStop: PreStop.httpGet('/quit', { port: 'http' }) }] }), 'sidecars[0].preStop.port', 'http', 'declared container port: proxy-admin'],
    ['the default grace period outlasts the hooks', make({ preStop: PreStop.sleep(30) }), 'terminationGracePeriodSeconds', 30,
      'must exceed the 30s of the preStop hooks (preStop: 30s) (30s is the default): Kubernetes kills the containers when it ends'],
    ['the grace period outlasts the longest hook of the containers that stop together', make({ preStop: PreStop.sleep(10), sidecars: [{ ...sidecar, preStop: PreStop.exec(['/bin/flush'], { expectedSeconds: 50 }) }], terminationGracePeriodSeconds: 45 }),
      'terminationGracePeriodSeconds', 45, 'must exceed the 50s of the preStop hooks (preStop: 10s, sidecars[0].preStop: 50s)'],
    ['native sidecars stop after the main container: their hooks add up', make({ preStop: PreStop.sleep(20), sidecars: [{ ...sidecar, native: true, preStop: PreStop.sleep(15) }], terminationGracePeriodSeconds: 30 }),
      'terminationGracePeriodSeconds', 30, 'must exceed the 35s of the preStop hooks'],
    ['minReadySeconds is not negative', make({ minReadySeconds: -1 }), 'minReadySeconds', -1, 'must be an integer >= 0'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });

  test.each(STRATEGIES.filter(([name]) => name !== 'RollingApp' && !ROLLOUT_STRATEGIES.some(([r]) => r === name)))('%s: minReadySeconds stays below the Deployment\'s default progress deadline', (_strategy, make) => {
    expectPropError(() => make(shopChart(), { minReadySeconds: 600 }), 'minReadySeconds', 600, 'must be less than the Deployment\'s progressDeadlineSeconds (600, the default)');
  });

  test.each(ROLLOUT_STRATEGIES)('%s: minReadySeconds stays below the Rollout\'s progress deadline (Argo Rollouts refuses the spec otherwise)', (_strategy, make) => {
    expectPropError(() => make(shopChart(), { minReadySeconds: 600 }), 'minReadySeconds', 600, 'must be less than progressDeadlineSeconds (600, the default); raise progressDeadlineSeconds too');
    expectPropError(() => make(shopChart(), { minReadySeconds: 120, progressDeadlineSeconds: 120 } as never), 'progressDeadlineSeconds', 120, 'must be greater than minReadySeconds (120)');
  });
});
