import { ApiObject, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ConfigMapRef, PersistentVolumeClaimRef, RollingApp, RollingAppProps, SecretRef, ServiceAccountRef, VolumeProps, VolumeSource } from '../../lib';
import { expectPropError } from '../support/errors';
import { NAMESPACE, shopChart } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };

describe('every kind of volume, mounted in the main container and a sidecar', () => {
  const chart = shopChart();
  const flags = new kplus.ConfigMap(chart, 'flags', { metadata: { name: 'web-flags' }, data: { 'flags.yaml': 'a: true\n' } });
  const claim = new ApiObject(chart, 'claim', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'web-data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
  new RollingApp(chart, 'web', {
    ...base,
    volumes: [
      { name: 'tls', source: VolumeSource.secret(SecretRef.fromName('web-tls'), { items: { 'tls.crt': 'cert.pem' }, defaultMode: 0o440, optional: true }) },
      { name: 'flags', source: VolumeSource.configMap(ConfigMapRef.fromConfigMap(flags)) },
      { name: 'data', source: VolumeSource.persistentVolumeClaim(PersistentVolumeClaimRef.fromApiObject(claim), { readOnly: true }) },
      { name: 'scratch', source: VolumeSource.emptyDir({ inMemory: true, sizeLimit: '64Mi' }) },
      { name: 'token', source: VolumeSource.serviceAccountToken({ audience: 'vault' }) },
    ],
    volumeMounts: [
      { volume: 'tls', path: '/etc/tls' },
      { volume: 'flags', path: '/etc/flags', subPath: 'flags.yaml' },
      { volume: 'data', path: '/data' },
      { volume: 'scratch', path: '/scratch' },
    ],
    sidecars: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.0.0', volumeMounts: [{ volume: 'token', path: '/var/run/secrets/vault' }, { volume: 'scratch', path: '/scratch' }] }],
  });
  const spec = find(synthValid(chart), 'Deployment', 'web').spec.template.spec;

  test('the volumes follow the config and writable ones, with their sources', () => {
    expect(spec.volumes).toEqual([
      { name: 'writable-0', emptyDir: {} },
      { name: 'tls', secret: { secretName: 'web-tls', items: [{ key: 'tls.crt', path: 'cert.pem' }], defaultMode: 0o440, optional: true } },
      { name: 'flags', configMap: { name: 'web-flags' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data', readOnly: true } },
      { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } }] } },
      { name: 'agent-writable-0', emptyDir: {} },
    ]);
  });

  test('mounts are read-only for Secrets, ConfigMaps, tokens and read-only claims, writable for emptyDirs', () => {
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'writable-0', mountPath: '/tmp' },
      { name: 'tls', mountPath: '/etc/tls', readOnly: true },
      { name: 'flags', mountPath: '/etc/flags', subPath: 'flags.yaml', readOnly: true },
      { name: 'data', mountPath: '/data', readOnly: true },
      { name: 'scratch', mountPath: '/scratch' },
    ]);
    expect(spec.containers[1].volumeMounts).toEqual([
      { name: 'agent-writable-0', mountPath: '/tmp' },
      { name: 'token', mountPath: '/var/run/secrets/vault', readOnly: true },
      { name: 'scratch', mountPath: '/scratch' },
    ]);
  });
});

describe('cdk8s interop', () => {
  const chart = shopChart();

  test('a cdk8s-plus resource or an ApiObject gives its name', () => {
    expect(SecretRef.fromSecret(new kplus.Secret(chart, 's', { metadata: { name: 'db' } })).name).toBe('db');
    expect(SecretRef.fromSecret(kplus.Secret.fromSecretName(chart, 'imported', 'legacy')).name).toBe('legacy');
    expect(PersistentVolumeClaimRef.fromClaim(new kplus.PersistentVolumeClaim(chart, 'pvc', { metadata: { name: 'data' } })).name).toBe('data');
    expect(ServiceAccountRef.fromServiceAccount(new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'robot' } })).name).toBe('robot');
    expect(ConfigMapRef.fromApiObject(new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } })).name).toBe('cm');
  });

  test('an ApiObject of another kind is refused', () => {
    const obj = new ApiObject(chart, 'not-a-secret', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expectPropError(() => SecretRef.fromApiObject(obj), 'obj', 'ConfigMap', 'must be an ApiObject of kind Secret');
  });
});

describe('validation', () => {
  const volume = (source: VolumeSource, name = 'v'): Partial<RollingAppProps> => ({ volumes: [{ name, source }], volumeMounts: [{ volume: name, path: '/v' }] });
  const make = (props: Partial<RollingAppProps>, chart = Testing.chart()) => () => new RollingApp(chart, 'web', { ...base, ...props });
  const secret = SecretRef.fromName('s');
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['volume names are DNS labels', make(volume(VolumeSource.emptyDir(), 'Cache')), 'volumes[0].name', 'Cache', 'DNS-1123 label'],
    ['volume names are unique', make({ volumes: [{ name: 'a', source: VolumeSource.emptyDir() }, { name: 'a', source: VolumeSource.emptyDir() }] }), 'volumes[1].name', 'a', 'volume names must be unique in the pod'],
    ['the names of generated volumes are taken', make(volume(VolumeSource.emptyDir(), 'writable-0')), 'volumes[0].name', 'writable-0', 'the name is taken by a writable volume of the main container'],
    ['sources are VolumeSources', make({ volumes: [{ name: 'v', source: { kind: 'secret' } as unknown as VolumeSource }], volumeMounts: [{ volume: 'v', path: '/v' }] }), 'volumes[0].source', { kind: 'secret' }, 'must be a VolumeSource'],
    ['referenced names are object names', make(volume(VolumeSource.secret(SecretRef.fromName('Bad_Name')))), 'volumes[0].source.ref.name', 'Bad_Name', 'DNS-1123 subdomain'],
    ['referenced objects are in the app\'s namespace', make(volume(VolumeSource.configMap(ConfigMapRef.fromApiObject(new ApiObject(shopChart(), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'other' } })))), shopChart()),
      'volumes[0].source.ref.namespace', 'other', `the ConfigMap must be in the app's namespace "${NAMESPACE}"`],
    ['file modes are 0 to 0o777', make(volume(VolumeSource.secret(secret, { defaultMode: 0o1000 }))), 'volumes[0].source.defaultMode', 512, 'must be an integer from 0 to 511'],
    ['item keys are keys', make(volume(VolumeSource.secret(secret, { items: { 'a/b': 'b' } }))), 'volumes[0].source.items', 'a/b', 'keys are at most 253'],
    ['item paths are relative', make(volume(VolumeSource.secret(secret, { items: { a: '../a' } }))), 'volumes[0].source.items.a', '../a', 'must be a relative path without ".." elements'],
    ['two items are not written to one path', make(volume(VolumeSource.secret(secret, { items: { a: 'conf/app.pem', b: './conf/app.pem' } }))), 'volumes[0].source.items.b', './conf/app.pem', 'key "a" is written to the same file: give each key a path of its own'],
    ['an item path is not inside another item\'s file', make(volume(VolumeSource.secret(secret, { items: { a: 'conf', b: 'conf/app.pem' } }))), 'volumes[0].source.items.b', 'conf/app.pem', 'key "a" is written to "conf" (one file cannot also be a folder of the other)'],
    ['size limits are quantities', make(volume(VolumeSource.emptyDir({ sizeLimit: '1 GB' }))), 'volumes[0].source.sizeLimit', '1 GB', 'must be a non-negative Kubernetes quantity'],
    ['tokens have an audience', make(volume(VolumeSource.serviceAccountToken({ audience: ' ' }))), 'volumes[0].source.audience', ' ', 'give the audience the token is for'],
    ['tokens live 10 minutes to 2^32 seconds', make(volume(VolumeSource.serviceAccountToken({ audience: 'vault', expirationSeconds: 300 }))), 'volumes[0].source.expirationSeconds', 300, 'must be an integer from 600 to 4294967296'],
    ['token paths are relative', make(volume(VolumeSource.serviceAccountToken({ audience: 'vault', path: '/token' }))), 'volumes[0].source.path', '/token', 'must be a relative path'],
    ['mounts name a volume', make({ volumeMounts: [{ volume: 'data', path: '/data' }] }), 'volumeMounts[0].volume', 'data', 'must name one of the volumes: (none declared)'],
    ['mount paths are absolute', make({ ...volume(VolumeSource.emptyDir()), volumeMounts: [{ volume: 'v', path: 'v' }] }), 'volumeMounts[0].path', 'v', 'must be an absolute path'],
    ['a container mounts one volume per path', make({ ...volume(VolumeSource.emptyDir()), volumeMounts: [{ volume: 'v', path: '/tmp' }] }), 'volumeMounts[0].path', '/tmp',
      'the container already mounts a volume there (a writable path: security.writablePaths)'],
    ['the config files\' path is taken', make({ ...volume(VolumeSource.emptyDir()), volumeMounts: [{ volume: 'v', path: '/etc/web' }], configFiles: { 'a.yaml': 'a' } }), 'volumeMounts[0].path', '/etc/web',
      'the config files are mounted there (configMountPath)'],
    ['sub-paths are relative', make({ ...volume(VolumeSource.emptyDir()), volumeMounts: [{ volume: 'v', path: '/v', subPath: '../x' }] }), 'volumeMounts[0].subPath', '../x', 'must be a relative path'],
    ['Secret mounts are read-only', make({ ...volume(VolumeSource.secret(secret)), volumeMounts: [{ volume: 'v', path: '/v', readOnly: false }] }), 'volumeMounts[0].readOnly', false, 'Secret, ConfigMap and token volumes are always mounted read-only'],
    ['read-only claims are mounted read-only', make({ ...volume(VolumeSource.persistentVolumeClaim(PersistentVolumeClaimRef.fromName('c'), { readOnly: true })), volumeMounts: [{ volume: 'v', path: '/v', readOnly: false }] }),
      'volumeMounts[0].readOnly', false, 'the claim of volume "v" is read-only'],
    ['every volume is mounted', make({ volumes: [{ name: 'v', source: VolumeSource.emptyDir() }] }), 'volumes[0].name', 'v', 'no container mounts it'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });

  test('a sidecar\'s mounts are checked under its prop path', () => {
    const volumes: VolumeProps[] = [{ name: 'v', source: VolumeSource.emptyDir() }];
    expectPropError(make({ volumes, volumeMounts: [{ volume: 'v', path: '/v' }], sidecars: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.0.0', volumeMounts: [{ volume: 'w', path: '/w' }] }] }),
      'sidecars[0].volumeMounts[0].volume', 'w', 'must name one of the volumes: v');
  });

  test('a reference must be an ObjectRef', () => {
    expectPropError(make(volume(VolumeSource.secret({ name: 's' } as unknown as SecretRef))), 'volumes[0].source.ref', { name: 's' }, 'must be a reference such as SecretRef.fromName');
  });
});
