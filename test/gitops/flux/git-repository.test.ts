import { App, Chart } from 'cdk8s';
import { FluxGitRepository, FluxGitRepositoryProps } from '../../../lib';
import { expectValidManifests } from '../../support/validate';

const chart = () => new Chart(new App(), 'c');

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

describe('FluxGitRepository URLs, commits and refs', () => {
  test('refuses scp-style URLs with a hint', () => {
    expect(() => new FluxGitRepository(chart(), 'r', { name: 'r', url: 'git@github.com:acme/repo.git' }))
      .toThrow(/c\/r: invalid 'url' \("git@github.com:acme\/repo.git"\): .*ssh:\/\/git@host\/repo/);
  });

  test('refuses a malformed commit', () => {
    expect(() => new FluxGitRepository(chart(), 'r', { name: 'r', url: 'https://x/y', commit: 'HEAD' })).toThrow(/invalid 'commit' \("HEAD"\)/);
  });

  test('a tag replaces the default branch; output is schema-valid', () => {
    const r = new FluxGitRepository(chart(), 'r', { name: 'r', url: 'ssh://git@github.com/acme/repo', tag: 'v1.2.3', secretName: 'deploy-key' });
    expect(r.toJson().spec.ref).toEqual({ tag: 'v1.2.3' });
    expect(r.toJson().spec.secretRef).toEqual({ name: 'deploy-key' });
    expectValidManifests([r.toJson()]);
  });
});
