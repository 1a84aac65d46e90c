/**
 * Arbitraries of the pod-level props: containers (main, sidecars, init),
 * ports, probes, environment, resources, security opt-outs, volumes, mounts
 * and preStop hooks.
 */
import * as fc from 'fast-check';
import {
  AppContainerProps, ConfigMapRef, ContainerPortProps, EnvFrom, ImagePullPolicy, PersistentVolumeClaimRef, PreStop, Probe, ProbeOptions, Protocol,
  ResourcesProps, SecretRef, SecurityProps, VolumeMountProps, VolumeProps, VolumeSource,
} from '../../../lib';
import { dnsName, duration, edgeNumber, image, int, labelValue, list, oneOf, pick, props, quantity, record, urlPath, usually } from './values';

/** Port names the generated props share, so that references hit now and then. */
export const portName = (): fc.Arbitrary<string> => pick(['http', 'metrics', 'grpc', 'admin', 'http-alt'], ['a--b', 'x'.repeat(16), '8080', 'HTTP']);
/** Volume names the generated props share. */
export const volumeName = (): fc.Arbitrary<string> => dnsName('data', 'cache', 'certs', 'token');
/** A port number. */
export const port = (): fc.Arbitrary<number> => usually(fc.constantFrom(80, 443, 8080, 9090, 9898, 53, 1), edgeNumber());

export const containerPort = (): fc.Arbitrary<ContainerPortProps> => fc.record({
  name: portName(),
  port: port(),
  protocol: usually(fc.constantFrom(undefined, Protocol.TCP, Protocol.UDP, Protocol.SCTP), fc.constant('HTTP' as Protocol)),
}).map(dropUndefined);

export const probeOptions = (): fc.Arbitrary<ProbeOptions> => fc.tuple(usually(fc.constant({}), fc.oneof(portName(), fc.constantFrom('8080', '0', '70000', '0o17')).map(port => ({ port })), 4), props<ProbeOptions>({
  initialDelaySeconds: int(0, 120),
  periodSeconds: int(1, 60),
  timeoutSeconds: int(1, 30),
  failureThreshold: int(1, 10),
}, 0.25)).map(([port, o]) => ({ ...port, ...o }));

export const probe = (): fc.Arbitrary<Probe> => fc.oneof(
  fc.tuple(urlPath(), probeOptions()).map(([p, o]) => Probe.http(p, o)),
  probeOptions().map(o => Probe.tcp(o)),
  fc.tuple(list(oneOf('cat', '/bin/check', '--ready'), 3), probeOptions()).map(([c, o]) => Probe.exec(c, o)),
);

export const envVars = (): fc.Arbitrary<Record<string, string>> =>
  record(pick(['AA_URL', 'ZONE', 'LOG_LEVEL', 'a.b', '_x', 'b', 'B'], ['Ä', '1X', 'A B']), oneOf('info', '', '0o17', 'yes', 'x'.repeat(100)), 4);

export const envFrom = (): fc.Arbitrary<EnvFrom> => fc.oneof(
  dnsName('app-config', 'shared').map(EnvFrom.configMap),
  dnsName('app-secrets', 'db').map(EnvFrom.secret),
  fc.tuple(oneOf('DB_URL', 'TOKEN'), dnsName('db', 'app-config'), pick(['url', 'token'], ['..x', 'a/b'])).map(([v, n, k]) => EnvFrom.configMapKey(v, n, k)),
  fc.tuple(oneOf('DB_URL', 'TOKEN'), dnsName('db', 'app-secrets'), oneOf('url', 'token')).map(([v, n, k]) => EnvFrom.secretKey(v, n, k)),
);

export const resources = (): fc.Arbitrary<ResourcesProps> => props<ResourcesProps>({
  cpuRequest: quantity(), cpuLimit: quantity(), memoryRequest: quantity(), memoryLimit: quantity(),
  ephemeralStorageRequest: quantity(), ephemeralStorageLimit: quantity(),
}, 0.3);

/** Security settings: mostly the secure defaults, sometimes opt-outs. */
export const security = (): fc.Arbitrary<SecurityProps> => props<SecurityProps>({
  runAsNonRoot: fc.boolean(),
  runAsUser: usually(fc.constantFrom(1000, 10001, 65534), fc.constantFrom(0, -1, 2147483648, 0.5)),
  runAsGroup: usually(fc.constantFrom(1000, 10001), fc.constantFrom(0, -1, 2147483648)),
  fsGroup: usually(fc.constantFrom(1000, 2000), fc.constantFrom(0, -1, NaN)),
  readOnlyRootFilesystem: fc.boolean(),
  writablePaths: list(pick(['/tmp', '/var/cache', '/data'], ['/tmp/', '/', 'tmp', '/etc/../tmp', '/a:b', '/tmp/./']), 3),
  allowPrivilegeEscalation: fc.boolean(),
  dropAllCapabilities: fc.boolean(),
  allowBindLowPorts: fc.boolean(),
  seccompRuntimeDefault: fc.boolean(),
}, 0.15);

export const volume = (): fc.Arbitrary<VolumeProps> => fc.record({
  name: volumeName(),
  source: fc.oneof(
    fc.tuple(dnsName('tls', 'creds'), keyFiles()).map(([n, o]) => VolumeSource.secret(SecretRef.fromName(n), o)),
    fc.tuple(dnsName('settings', 'app-config'), keyFiles()).map(([n, o]) => VolumeSource.configMap(ConfigMapRef.fromName(n), o)),
    fc.tuple(dnsName('data', 'claim'), props({ readOnly: fc.boolean() }, 0.5)).map(([n, o]) => VolumeSource.persistentVolumeClaim(PersistentVolumeClaimRef.fromName(n), o)),
    props({ inMemory: fc.boolean(), sizeLimit: quantity() }, 0.4).map(o => VolumeSource.emptyDir(o)),
    fc.record({ audience: oneOf('vault', 'sts.amazonaws.com'), expirationSeconds: fc.option(int(600, 86400), { nil: undefined }), path: fc.option(pick(['token', 'a/b'], ['../x', '/abs']), { nil: undefined }) })
      .map(o => VolumeSource.serviceAccountToken(dropUndefined(o))),
  ),
});

function keyFiles() {
  return props({
    items: record(pick(['tls.crt', 'config.yaml'], ['..x']), pick(['cert.pem', 'a/b.yaml'], ['../x', '/abs'])),
    defaultMode: usually(fc.constantFrom(0o644, 0o400, 0o600), fc.constantFrom(0o1000, -1, 0.5, 511)),
    optional: fc.boolean(),
  }, 0.25);
}

export const volumeMount = (): fc.Arbitrary<VolumeMountProps> => fc.record({
  volume: volumeName(),
  path: pick(['/data', '/var/cache', '/etc/certs', '/tmp', '/run/secrets/token'], ['/tmp/', '/', 'rel', '/a/../b', '/data/.']),
  readOnly: fc.constantFrom(undefined, true, false),
  subPath: fc.constantFrom(undefined, 'sub', '../x', '/abs', ''),
}).map(dropUndefined);

export const preStop = (): fc.Arbitrary<PreStop> => fc.oneof(
  int(1, 20).map(PreStop.sleep),
  fc.tuple(list(oneOf('/bin/drain', '--now'), 2, 1), props({ expectedSeconds: int(1, 60) }, 0.5)).map(([c, o]) => PreStop.exec(c, o)),
  fc.tuple(urlPath(), props({ expectedSeconds: int(1, 60), port: fc.oneof(portName(), fc.constant('8080')) }, 0.4)).map(([p, o]) => PreStop.httpGet(p, o)),
);

const pullPolicy = () => fc.constantFrom(ImagePullPolicy.ALWAYS, ImagePullPolicy.NEVER, ImagePullPolicy.IF_NOT_PRESENT, 'Sometimes' as ImagePullPolicy);

/** A sidecar or init container. */
export const sidecar = (): fc.Arbitrary<AppContainerProps> => fc.tuple(
  fc.record({ name: dnsName('proxy', 'agent', 'web', 'migrate'), image: image() }),
  props<AppContainerProps>({
    command: list(oneOf('/bin/agent', 'run'), 2),
    args: list(oneOf('--port', '9000', ''), 2),
    ports: list(containerPort(), 2),
    env: envVars(),
    envFrom: list(envFrom(), 2),
    resources: resources(),
    readiness: probe(),
    liveness: probe(),
    startup: probe(),
    volumeMounts: list(volumeMount(), 2),
    security: security(),
    imagePullPolicy: pullPolicy(),
    preStop: preStop(),
    native: fc.boolean(),
  }, 0.15),
).map(([required, optional]) => ({ ...optional, ...required }));

/** The container-level props of an app (AppCommonProps fields). */
export const containerProps = () => ({
  port: port(),
  portName: portName(),
  extraPorts: list(containerPort(), 3),
  envFrom: list(envFrom(), 2),
  configMountPath: pick(['/etc/web', '/config'], ['/tmp', 'rel', '/', '/config/']),
  resources: resources(),
  readiness: probe(),
  liveness: probe(),
  startup: probe(),
  imagePullPolicy: pullPolicy(),
  imagePullSecrets: list(dnsName('regcred', 'pull'), 2),
  serviceAccountName: dnsName('web', 'runner'),
  automountServiceAccountToken: fc.boolean(),
  security: security(),
  sidecars: list(sidecar(), 2),
  initContainers: list(sidecar(), 2),
  volumes: list(volume(), 3),
  volumeMounts: list(volumeMount(), 3),
  preStop: preStop(),
  terminationGracePeriodSeconds: int(0, 120),
  minReadySeconds: int(0, 60),
});

/** What changes from version to version: image, replicas, command, env, config files. */
export const versionProps = () => fc.tuple(
  image(),
  props({
    replicas: usually(fc.integer({ min: 0, max: 12 }), edgeNumber()),
    command: list(oneOf('/app/server', 'node'), 2),
    args: list(oneOf('--port=8080', '-v', ''), 2),
    env: envVars(),
    configFiles: record(pick(['app.yaml', 'config.json'], ['..data', 'a/b']), fc.oneof(labelValue(), duration()), 2),
  }, 0.25),
).map(([img, rest]) => ({ image: img, ...rest }));

/** The object without its undefined fields. */
export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
