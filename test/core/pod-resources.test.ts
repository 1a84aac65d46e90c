import { Testing } from 'cdk8s';
import { AppContainerProps, RollingApp, RollingAppProps } from '../../lib';
import { shopChart, STRATEGIES } from '../support/strategies';

const MI = 2 ** 20;
const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0', resources: { cpuRequest: '200m', memoryRequest: '256Mi' } };
const container = (name: string, cpuRequest: string, memoryRequest: string, extra: Partial<AppContainerProps> = {}): AppContainerProps => ({
  name, image: 'ghcr.io/acme/tool:1.0.0', resources: { cpuRequest, memoryRequest, memoryLimit: '4Gi' }, ...extra,
});

function plan(props: Partial<RollingAppProps>) {
  return new RollingApp(Testing.chart(), 'web', { ...base, ...props }).plan;
}

describe('the requests of one pod, as the scheduler counts them', () => {
  test('the main container alone (the default requests when none are given)', () => {
    expect([plan({}).podCpuMillis, plan({}).podMemoryBytes]).toEqual([200, 256 * MI]);
    const defaults = plan({ resources: undefined });
    expect([defaults.podCpuMillis, defaults.podMemoryBytes]).toEqual([100, 128 * MI]);
  });

  test('sidecars, native ones included, add to the main container', () => {
    const p = plan({ sidecars: [container('proxy', '50m', '64Mi'), container('agent', '25m', '32Mi', { native: true })] });
    expect([p.podCpuMillis, p.podMemoryBytes]).toEqual([275, 352 * MI]);
  });

  test('an init container counts when it asks more than the running containers, plus the native sidecars beside it', () => {
    const p = plan({ sidecars: [container('agent', '25m', '32Mi', { native: true })], initContainers: [container('migrate', '1', '128Mi'), container('warm', '100m', '1Gi')] });
    // cpu: max(200+25, 1000+25) = 1025m; memory: max(256+32, 128+32, 1024+32) = 1056Mi
    expect([p.podCpuMillis, p.podMemoryBytes]).toEqual([1025, 1056 * MI]);
  });

  test('the plan\'s overhead is per pod times pods', () => {
    const p = plan({ sidecars: [container('proxy', '50m', '64Mi')] });
    expect(p.steadyCpuMillis).toBe(2 * 250);
    expect(p.toMarkdown()).toContain('Each pod requests 250m CPU and 320Mi memory.');
  });
});

test.each(STRATEGIES)('%s: the plan counts the sidecars', (_strategy, make) => {
  const app = make(shopChart(), { resources: { cpuRequest: '200m' }, sidecars: [container('proxy', '50m', '64Mi')] });
  expect([app.plan.podCpuMillis, app.plan.podMemoryBytes]).toEqual([250, 192 * MI]);
});
