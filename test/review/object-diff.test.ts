import { aspectsOf, leafChanges, replacesPods } from '../../lib/review/object-diff';

const deployment = (image: string, extra: Record<string, unknown> = {}, checksum = 'a') => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { 'app.kubernetes.io/version': image.split(':')[1] } },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { annotations: { 'checksum/config': checksum }, labels: { 'app.kubernetes.io/version': image.split(':')[1] } },
      spec: { containers: [{ name: 'web', image, env: [{ name: 'LOG', value: 'info' }] }, { name: 'proxy', image: 'envoy:1.30' }] },
    },
    ...extra,
  },
});

describe('leaf changes', () => {
  test('lists of named items are matched by name, so a reorder or an insertion names the item that changed', () => {
    const before = { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:1' }] };
    const after = { containers: [{ name: 'new', image: 'z:1' }, { name: 'b', image: 'y:2' }, { name: 'a', image: 'x:1' }] };
    expect(leafChanges(before, after)).toEqual([
      { path: 'containers[b].image', before: 'y:1', after: 'y:2' },
      { path: 'containers[new]', before: undefined, after: { name: 'new', image: 'z:1' } },
    ]);
  });

  test('other lists by position; equal values give nothing', () => {
    expect(leafChanges({ a: [1, 2] }, { a: [1, 3, 4] })).toEqual([{ path: 'a[1]', before: 2, after: 3 }, { path: 'a[2]', before: undefined, after: 4 }]);
    expect(leafChanges(deployment('web:1'), deployment('web:1'))).toEqual([]);
  });
});

describe('aspects of a workload change', () => {
  test('an image: the repository once, the tags; the version labels belong to it', () => {
    const aspects = aspectsOf(deployment('ghcr.io/acme/web:1.0'), deployment('ghcr.io/acme/web:1.1'));
    expect(aspects).toEqual([{ kind: 'image', text: 'image `web`: ghcr.io/acme/web 1.0 → 1.1' }]);
    expect(replacesPods(aspects)).toBe(true);
  });

  test('a digest, and an image from another repository', () => {
    expect(aspectsOf(deployment('web@sha256:aaa'), deployment('web@sha256:bbb'))[0].text).toBe('image `web`: web sha256:aaa → sha256:bbb');
    expect(aspectsOf(deployment('a/web:1'), deployment('b/web:1'))[0].text).toBe('image `web`: a/web:1 → b/web:1');
  });

  test('config checksum, the rest of the pod template, replicas, the selector and other settings, in that order', () => {
    const after = deployment('web:1', { replicas: 4, selector: { matchLabels: { app: 'api' } }, minReadySeconds: 5 }, 'b');
    after.spec.template.spec.containers[0].env![0].value = 'debug';
    expect(aspectsOf(deployment('web:1'), after)).toEqual([
      { kind: 'config', text: 'config checksum changed (the config files the pods mount changed)' },
      { kind: 'pods', text: 'pod template: containers[web].env[LOG].value: info → debug' },
      { kind: 'replicas', text: 'replicas: replicas: 2 → 4' },
      { kind: 'selector', text: 'selector: selector.matchLabels.app: web → api' },
      { kind: 'settings', text: 'settings: minReadySeconds: – → 5' },
    ]);
  });

  test('replicas alone do not replace pods', () => {
    expect(replacesPods(aspectsOf(deployment('web:1'), deployment('web:1', { replicas: 3 })))).toBe(false);
  });
});

describe('aspects of other kinds', () => {
  test('route backends that come and go are named, weights shown', () => {
    const route = (refs: object[]) => ({ kind: 'HTTPRoute', metadata: { name: 'web' }, spec: { rules: [{ backendRefs: refs }] } });
    expect(aspectsOf(route([{ name: 'web-blue', port: 80 }]), route([{ name: 'web-green', port: 80 }]))).toEqual([{ kind: 'routing', text: 'routing: rules[0].backendRefs: −web-blue +web-green' }]);
    expect(aspectsOf(route([{ name: 'web', weight: 80 }]), route([{ name: 'web', weight: 50 }]))[0].text).toBe('routing: rules[0].backendRefs[web].weight: 80 → 50');
  });

  test('ingress-nginx annotations route; a Canary\'s analysis is analysis; ConfigMap data is config; more than three leaves are counted', () => {
    const ingress = (w: string) => ({ kind: 'Ingress', metadata: { name: 'web-canary', annotations: { 'nginx.ingress.kubernetes.io/canary-weight': w } } });
    expect(aspectsOf(ingress('20'), ingress('50'))[0].kind).toBe('routing');
    const canary = (w: number) => ({ kind: 'Canary', metadata: { name: 'web' }, spec: { analysis: { stepWeight: w, maxWeight: w * 5, interval: `${w}s`, threshold: w } } });
    expect(aspectsOf(canary(10), canary(20))).toEqual([{ kind: 'analysis', text: 'analysis: analysis.interval: 10s → 20s; analysis.maxWeight: 50 → 100; analysis.stepWeight: 10 → 20 (and 1 more)' }]);
    expect(aspectsOf({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, { kind: 'ConfigMap', metadata: { name: 'c' }, data: { b: '1' } })).toEqual([{ kind: 'config', text: 'config: data.a removed, data.b added' }]);
  });
});
