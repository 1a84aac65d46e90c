import { App, Chart } from 'cdk8s';
import {
  FluxHelmRelease, FluxHelmReleaseProps, FluxHelmRepository, FluxHelmRepositoryProps, FluxOciRepository, FluxOciRepositoryProps, HelmChartSource, HelmCrdPolicy,
} from '../../../lib';
import { expectPropError } from '../../support/errors';
import { expectValidManifests } from '../../support/validate';

const chart = () => new Chart(new App(), 'c');

describe('FluxHelmRepository', () => {
  const make = (props: Partial<FluxHelmRepositoryProps> = {}) => new FluxHelmRepository(chart(), 'r', { name: 'charts', url: 'https://flagger.app', ...props });

  test('an HTTPS chart index, in flux-system by default', () => {
    const repo = make({ secretName: 'charts-auth' });
    expect(repo.toJson()).toMatchObject({
      apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'charts', namespace: 'flux-system' },
      spec: { url: 'https://flagger.app', interval: '1h', secretRef: { name: 'charts-auth' } },
    });
    expectValidManifests([repo.toJson(), make({ name: 'oci', url: 'oci://ghcr.io/acme/charts', oci: true }).toJson()]);
  });

  test('an oci:// URL needs oci: true', () => expectPropError(() => make({ url: 'oci://ghcr.io/acme/charts' }), 'url', 'oci://ghcr.io/acme/charts', 'set oci: true'));
  test('oci: true needs an oci:// URL', () => expectPropError(() => make({ oci: true }), 'url', 'https://flagger.app', 'starts with oci://'));
  test('name is a DNS subdomain', () => expectPropError(() => make({ name: 'Charts' }), 'name', 'Charts'));
  test('interval is a duration', () => expectPropError(() => make({ interval: 'daily' }), 'interval', 'daily'));
});

describe('FluxOciRepository', () => {
  const make = (props: Partial<FluxOciRepositoryProps> = {}) => new FluxOciRepository(chart(), 'o', { name: 'flagger', url: 'oci://ghcr.io/fluxcd/charts/flagger', tag: '1.44.0', ...props });

  test('a Helm chart artifact selects the chart layer and is copied as is', () => {
    const repo = make({ helmChart: true });
    expect(repo.toJson().spec).toEqual({
      interval: '1h', url: 'oci://ghcr.io/fluxcd/charts/flagger', ref: { tag: '1.44.0' },
      layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
    });
    expectValidManifests([repo.toJson(), make({ name: 'manifests', tag: undefined, semver: '1.x' }).toJson()]);
  });

  test('exactly one of tag and semver', () => {
    expectPropError(() => make({ semver: '1.x' }), 'tag', { tag: '1.44.0', semver: '1.x' }, 'exactly one of tag');
    expectPropError(() => make({ tag: undefined }), 'tag', { tag: undefined, semver: undefined }, 'exactly one of tag');
  });
  test('a tag is an OCI tag', () => expectPropError(() => make({ tag: '1.44 latest' }), 'tag', '1.44 latest', 'an OCI tag'));
  test('the URL is oci://', () => expectPropError(() => make({ url: 'https://ghcr.io/fluxcd/charts/flagger' }), 'url', 'https://ghcr.io/fluxcd/charts/flagger', 'oci://'));
});

describe('FluxHelmRelease', () => {
  const release = (props: Partial<FluxHelmReleaseProps> = {}) => {
    const c = chart();
    const repo = new FluxHelmRepository(c, 'repo', { name: 'flagger', namespace: 'flagger-system', url: 'https://flagger.app' });
    const rel = new FluxHelmRelease(c, 'rel', { name: 'loadtester', namespace: 'flagger-system', chart: HelmChartSource.fromHelmRepository(repo, 'loadtester', '0.38.0'), ...props });
    return { c, repo, rel };
  };

  test('a pinned chart of a Helm repository, CRDs created and replaced, remediation on install and upgrade', () => {
    const { c, rel } = release({ releaseName: 'flagger-loadtester', values: { replicaCount: 2 }, dependsOn: ['flagger'] });
    expect(rel.toJson().spec).toEqual({
      interval: '1h', timeout: '5m', releaseName: 'flagger-loadtester',
      chart: { spec: { chart: 'loadtester', version: '0.38.0', sourceRef: { kind: 'HelmRepository', name: 'flagger', namespace: 'flagger-system' } } },
      install: { crds: 'CreateReplace', remediation: { retries: 3 } },
      upgrade: { crds: 'CreateReplace', remediation: { retries: 3, remediateLastFailure: true } },
      dependsOn: [{ name: 'flagger' }], values: { replicaCount: 2 },
    });
    expectValidManifests(c.toJson());
  });

  test('a chart published as an OCI artifact is referenced with chartRef (never both chart and chartRef)', () => {
    const c = chart();
    const oci = new FluxOciRepository(c, 'oci', { name: 'flagger', namespace: 'flagger-system', url: 'oci://ghcr.io/fluxcd/charts/flagger', tag: '1.44.0', helmChart: true });
    const rel = new FluxHelmRelease(c, 'rel', { name: 'flagger', namespace: 'flagger-system', chart: HelmChartSource.fromOciRepository(oci), crds: HelmCrdPolicy.SKIP, remediationRetries: 0 });
    expect(rel.toJson().spec.chartRef).toEqual({ kind: 'OCIRepository', name: 'flagger', namespace: 'flagger-system' });
    expect(rel.toJson().spec.chart).toBeUndefined();
    expect(rel.toJson().spec.install).toEqual({ crds: 'Skip', remediation: { retries: 0 } });
    expectValidManifests(c.toJson());
  });

  test('an OCI artifact that is not a chart cannot be a chart source', () => {
    const oci = new FluxOciRepository(chart(), 'oci', { name: 'manifests', url: 'oci://ghcr.io/fluxcd/flagger-manifests', tag: '1.44.0' });
    expectPropError(() => HelmChartSource.fromOciRepository(oci), 'helmChart', false, 'the chart layer');
  });
  test('a chart version is pinned (a range installs whatever is newest)', () => {
    const repo = new FluxHelmRepository(chart(), 'repo', { name: 'flagger', url: 'https://flagger.app' });
    expectPropError(() => HelmChartSource.fromHelmRepository(repo, 'loadtester', '>=0.30.0'), 'version', '>=0.30.0', 'pin the chart');
    expectPropError(() => HelmChartSource.fromHelmRepository(repo, 'loadtester', '0.x'), 'version', '0.x', 'pin the chart');
    expect(HelmChartSource.fromHelmRepository(repo, 'loadtester', '1.0.0-rc.1').version).toBe('1.0.0-rc.1');
  });
  test('a chart name is one of an index', () => {
    const repo = new FluxHelmRepository(chart(), 'repo', { name: 'flagger', url: 'https://flagger.app' });
    expectPropError(() => HelmChartSource.fromHelmRepository(repo, 'Load Tester', '0.38.0'), 'chart', 'Load Tester', 'a chart name');
  });
  test('chart is a HelmChartSource', () => expectPropError(() => release({ chart: { chart: 'x' } as any }), 'chart', { chart: 'x' }, 'HelmChartSource.fromHelmRepository'));
  test('a release name has at most 53 characters', () => expectPropError(() => release({ releaseName: 'a'.repeat(54) }), 'releaseName', 'a'.repeat(54), 'at most 53'));
  test('crds is a HelmCrdPolicy', () => expectPropError(() => release({ crds: 'Always' as any }), 'crds', 'Always', 'must be one of'));
  test('remediation retries are a whole number from 0', () => expectPropError(() => release({ remediationRetries: -1 }), 'remediationRetries', -1));
  test('interval and timeout are durations', () => {
    expectPropError(() => release({ interval: '12 hours' }), 'interval', '12 hours');
    expectPropError(() => release({ timeout: 'never' }), 'timeout', 'never');
  });
  test('dependsOn names HelmReleases', () => expectPropError(() => release({ dependsOn: ['Flagger'] }), 'dependsOn[0]', 'Flagger'));
});
