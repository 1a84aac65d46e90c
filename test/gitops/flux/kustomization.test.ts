import { App, Chart } from 'cdk8s';
import { FluxKustomization, FluxKustomizationProps, FluxSourceKind } from '../../../lib';
import { expectValidManifests } from '../../support/validate';

const chart = () => new Chart(new App(), 'c');

describe('FluxKustomization names and references', () => {
  const base: FluxKustomizationProps = { name: 'apps', path: './apps', sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' } };
  const make = (props: Partial<FluxKustomizationProps>) => new FluxKustomization(chart(), 'k', { ...base, ...props });

  test('a 63-character name is the longest: Flux puts it in the kustomize.toolkit.fluxcd.io/name label of every object it applies', () => {
    const name = `a${'b'.repeat(62)}`;
    expectValidManifests([make({ name }).toJson()]);
    expect(() => make({ name: `${name}c` })).toThrow(new RegExp(`^c/k: invalid 'name' \\("${name}c"\\): .*at most 63 characters \\(Flux labels every object it applies with this name`));
  });

  test.each<[string, Partial<FluxKustomizationProps>, RegExp]>([
    ['namespace is a DNS label', { namespace: 'Flux' }, /invalid 'namespace' \("Flux"\): must be a DNS-1123 label/],
    ['sourceRef.name is a DNS subdomain', { sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'Repo' } }, /invalid 'sourceRef.name' \("Repo"\): must be a DNS-1123 subdomain/],
    ['sourceRef.namespace is a DNS label', { sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'repo', namespace: 'Flux' } }, /invalid 'sourceRef.namespace' \("Flux"\): must be a DNS-1123 label/],
    ['dependsOn names are Kustomization names', { dependsOn: [{ name: 'x'.repeat(64) }] }, /invalid 'dependsOn\[0\].name' \("x{64}"\): .*at most 63 characters \(a Kustomization name\)/],
    ['dependsOn namespaces are DNS labels', { dependsOn: [{ name: 'infra', namespace: 'Flux' }] }, /invalid 'dependsOn\[0\].namespace' \("Flux"\): must be a DNS-1123 label/],
    ['labels are valid', { labels: { team: 'a b' } }, /invalid 'labels.team' \("a b"\): label values/],
    ['ignore paths are JSON Pointers', { ignore: [{ paths: ['spec/replicas'] }] }, /invalid 'ignore\[0\].paths\[0\]' \("spec\/replicas"\): paths are JSON Pointers/],
  ])('%s', (_rule, props, message) => {
    expect(() => make(props)).toThrow(message);
  });
});

describe('FluxKustomization', () => {
  const source = { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' };

  test.each(['', './', '.', '/'])('refuses a pruning Kustomization with the empty path %j', p => {
    expect(() => new FluxKustomization(chart(), 'k', { name: 'k', path: p, sourceRef: source }))
      .toThrow(new RegExp(`c/k: invalid 'path' \\(${JSON.stringify(p).replace(/[./]/g, '\\$&')}\\): a pruning Kustomization needs a folder of its own`));
  });

  test('allows the root path when it does not prune', () => {
    const k = new FluxKustomization(chart(), 'k', { name: 'k', path: './', sourceRef: source, prune: false });
    expect(k.toJson().spec).toMatchObject({ prune: false, path: './' });
  });

  test('refuses paths that leave the source', () => {
    expect(() => new FluxKustomization(chart(), 'k', { name: 'k', path: './a/../../b', sourceRef: source })).toThrow(/invalid 'path' \(".\/a\/..\/..\/b"\)/);
  });

  test('refuses a malformed interval', () => {
    expect(() => new FluxKustomization(chart(), 'k', { name: 'k', path: './a', sourceRef: source, interval: '10 min' })).toThrow(/invalid 'interval' \("10 min"\)/);
  });

  test('emits every typed field, schema-valid', () => {
    const k = new FluxKustomization(chart(), 'k', {
      name: 'apps', path: './apps', sourceRef: source, interval: '5m', retryInterval: '1m', timeout: '3m', wait: true,
      targetNamespace: 'apps', suspend: false, dependsOn: [{ name: 'infra', namespace: 'flux-system' }],
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'apps' }],
      healthCheckExprs: [{ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', current: "status.phase == 'Succeeded'" }],
    });
    expectValidManifests([k.toJson()]);
    expect(k.toJson()).toMatchSnapshot();
  });
});
