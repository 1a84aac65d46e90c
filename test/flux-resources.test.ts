import { App, Chart } from 'cdk8s';
import { FluxGitRepository, FluxGitRepositoryProps, FluxKustomization, FluxKustomizationProps, FluxSourceKind } from '../lib';
import { expectValidManifests } from './support/validate';

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

describe('FluxGitRepository', () => {
  const base: FluxGitRepositoryProps = { name: 'repo', url: 'https://github.com/acme/deploy' };
  const make = (props: Partial<FluxGitRepositoryProps>) => new FluxGitRepository(chart(), 'r', { ...base, ...props });

  test('a full commit SHA is accepted', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const repo = make({ commit: sha });
    expect(repo.toJson().spec.ref).toEqual({ commit: sha });
    expectValidManifests([repo.toJson()]);
  });

  test.each<[string, Partial<FluxGitRepositoryProps>, RegExp]>([
    ['an abbreviated commit is refused (source-controller would look for a zero-padded hash)', { commit: '0123abc' }, /^c\/r: invalid 'commit' \("0123abc"\): a commit is the full 40-character SHA-1/],
    ['name is a DNS subdomain', { name: 'Repo' }, /invalid 'name' \("Repo"\): must be a DNS-1123 subdomain/],
    ['namespace is a DNS label', { namespace: 'Flux' }, /invalid 'namespace' \("Flux"\): must be a DNS-1123 label/],
    ['interval is a duration', { interval: '1 minute' }, /invalid 'interval' \("1 minute"\): must be a duration/],
    ['timeout is a duration', { timeout: 'soon' }, /invalid 'timeout' \("soon"\): must be a duration/],
    ['secretName is a DNS subdomain', { secretName: 'Deploy Key' }, /invalid 'secretName' \("Deploy Key"\): must be a DNS-1123 subdomain/],
  ])('%s', (_rule, props, message) => {
    expect(() => make(props)).toThrow(message);
  });
});
