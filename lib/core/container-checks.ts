/**
 * Checks of the containers of an app's pods: the rules the main container,
 * the sidecars and the init containers share (probes, resources, security,
 * env), and those of sidecars and init containers (names, images, ports
 * unique in the pod, what init containers cannot have). Internal.
 */
import { IConstruct } from 'constructs';
import { AppCommonProps } from './app-props';
import { Check, INT32_MAX } from './check';
import { ResourcesProps, SecurityProps } from './container-props';
import { DEFAULT_RESOURCES } from './containers';
import { EnvFrom } from './env-from';
import { propError, Where } from './errors';
import { parseImage } from './image';
import { checkPreStop } from './lifecycle';
import { Probe, ProbeKind } from './probe';
import { parseQuantity } from './quantity';
import { AppContainerProps } from './sidecar-props';

/** The longest sidecar or init container name: its writable volumes are `<name>-writable-<n>`, DNS-1123 labels. */
const MAX_EXTRA_NAME_LENGTH = 50;

/** The port names and numbers a container declares. */
export interface DeclaredPorts {
  readonly names: Set<string>;
  readonly numbers: Set<number>;
}

/** Checks a container's probes against the ports it declares; `prefix` is its prop path (`''`, `sidecars[0].`). */
export function checkProbes(scope: Where, prefix: string, probes: Array<readonly [string, Probe | undefined]>, ports: DeclaredPorts) {
  for (const [name, probe] of probes) {
    if (!probe) continue;
    const prop = `${prefix}${name}`;
    const port = probe.options.port;
    if (probe.kind !== ProbeKind.EXEC && (port === undefined ? ports.names.size === 0 : !ports.names.has(port) && !ports.numbers.has(Number(port)))) {
      throw propError(scope, `${prop}.port`, port, `probes must target a declared container port: ${[...ports.names].join(', ') || '(none declared)'}`);
    }
    if (probe.kind === ProbeKind.HTTP && !probe.path?.startsWith('/')) throw propError(scope, `${prop}.path`, probe.path, 'HTTP probe paths start with "/"');
    if (probe.kind === ProbeKind.EXEC && !(probe.command?.length)) throw propError(scope, `${prop}.command`, probe.command, 'exec probes need a command');
    Check.int(scope, `${prop}.periodSeconds`, probe.options.periodSeconds, 1);
    Check.int(scope, `${prop}.timeoutSeconds`, probe.options.timeoutSeconds, 1);
    Check.int(scope, `${prop}.failureThreshold`, probe.options.failureThreshold, 1);
    Check.int(scope, `${prop}.initialDelaySeconds`, probe.options.initialDelaySeconds, 0);
  }
}

/** Checks requests and limits (quantities, a request within its limit, defaults included). */
export function checkResources(scope: Where, prefix: string, r: ResourcesProps = {}) {
  for (const key of ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit', 'ephemeralStorageRequest', 'ephemeralStorageLimit'] as const) {
    Check.quantity(scope, `${prefix}resources.${key}`, r[key]);
  }
  for (const resource of ['cpu', 'memory', 'ephemeralStorage'] as const) {
    const request = r[`${resource}Request`] ?? DEFAULT_RESOURCES[`${resource}Request`];
    const limit = r[`${resource}Limit`] ?? DEFAULT_RESOURCES[`${resource}Limit`];
    if (request !== undefined && limit !== undefined && parseQuantity(request)! > parseQuantity(limit)!) {
      const defaulted = r[`${resource}Limit`] === undefined ? ', the default' : '';
      throw propError(scope, `${prefix}resources.${resource}Request`, request, `a request cannot exceed its limit (${prefix}resources.${resource}Limit: ${limit}${defaulted}); raise the limit too`);
    }
  }
}

/** Checks the security opt-outs: writable paths, ids, and no root user while runAsNonRoot holds. */
export function checkSecurity(scope: Where, prefix: string, security: SecurityProps = {}) {
  const writable = (security.writablePaths ?? []).map((p, i) => Check.mountPath(scope, `${prefix}security.writablePaths[${i}]`, p));
  writable.forEach((p, i) => {
    if (writable.indexOf(p) !== i) throw propError(scope, `${prefix}security.writablePaths[${i}]`, security.writablePaths![i], `paths must be unique: it is the same folder as ${prefix}security.writablePaths[${writable.indexOf(p)}], and a container cannot mount two volumes at one path`);
  });
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) Check.int(scope, `${prefix}security.${key}`, security[key], 0, INT32_MAX);
  if (security.runAsUser === 0 && (security.runAsNonRoot ?? true)) {
    throw propError(scope, `${prefix}security.runAsUser`, 0, 'user 0 is root; set a non-zero user or opt out with runAsNonRoot: false');
  }
}

/** Checks variables read from ConfigMaps and Secrets. */
export function checkEnvFrom(scope: Where, prop: string, envFrom: EnvFrom[] = []) {
  envFrom.forEach((e, i) => {
    Check.dns1123Subdomain(scope, `${prop}[${i}].name`, e.name);
    if (e.variable !== undefined) {
      Check.envVarName(scope, `${prop}[${i}].variable`, e.variable);
      Check.configMapKey(scope, `${prop}[${i}].key`, e.key!);
    }
  });
}

/**
 * Checks the sidecars and init containers. `pod` holds the main
 * container's port names and numbers, and gets theirs: ports are unique in
 * the pod (its containers share one network namespace, and Services and
 * probes name them).
 */
export function checkExtraContainers(scope: IConstruct, props: AppCommonProps, pod: DeclaredPorts) {
  const names = new Set([props.name]);
  const lists = [['sidecars', props.sidecars ?? []], ['initContainers', props.initContainers ?? []]] as const;
  for (const [list, containers] of lists) {
    containers.forEach((c, i) => {
      const prefix = `${list}[${i}].`;
      if (typeof c?.name !== 'string' || c.name.length > MAX_EXTRA_NAME_LENGTH) {
        throw propError(scope, `${prefix}name`, c?.name, `must be a DNS-1123 label of at most ${MAX_EXTRA_NAME_LENGTH} characters (its writable volumes are named "<name>-writable-<n>")`);
      }
      Check.dns1123Label(scope, `${prefix}name`, c.name);
      if (names.has(c.name)) throw propError(scope, `${prefix}name`, c.name, 'container names must be unique in the pod (the main container is named after the app)');
      names.add(c.name);
      parseImage(scope, `${prefix}image`, c.image);
      const own = checkPorts(scope, prefix, c, pod);
      if (list === 'initContainers') checkInitOnly(scope, prefix, c);
      checkProbes(scope, prefix, [['readiness', c.readiness], ['liveness', c.liveness], ['startup', c.startup]], own);
      checkPreStop(scope, `${prefix}preStop`, c.preStop, own);
      checkResources(scope, prefix, c.resources);
      checkSecurity(scope, prefix, c.security);
      for (const key of ['fsGroup', 'seccompRuntimeDefault'] as const) {
        if (c.security?.[key] !== undefined) throw propError(scope, `${prefix}security.${key}`, c.security[key], `${key} applies to the whole pod: set it in the app's security`);
      }
      for (const key of Object.keys(c.env ?? {})) Check.envVarName(scope, `${prefix}env`, key);
      checkEnvFrom(scope, `${prefix}envFrom`, c.envFrom);
    });
  }
}

/** Checks a container's ports, unique in the pod; returns its own. */
function checkPorts(scope: Where, prefix: string, c: AppContainerProps, pod: DeclaredPorts): DeclaredPorts {
  const own: DeclaredPorts = { names: new Set(), numbers: new Set() };
  (c.ports ?? []).forEach((p, j) => {
    Check.portName(scope, `${prefix}ports[${j}].name`, p.name);
    Check.port(scope, `${prefix}ports[${j}].port`, p.port);
    if (pod.names.has(p.name)) throw propError(scope, `${prefix}ports[${j}].name`, p.name, 'port names must be unique in the pod (Services and probes name them)');
    if (pod.numbers.has(p.port)) throw propError(scope, `${prefix}ports[${j}].port`, p.port, 'port numbers must be unique in the pod (its containers share one network namespace)');
    for (const set of [own, pod]) {
      set.names.add(p.name);
      set.numbers.add(p.port);
    }
  });
  return own;
}

/** What an init container, which runs to completion, cannot have. */
function checkInitOnly(scope: Where, prefix: string, c: AppContainerProps) {
  if (c.native !== undefined) {
    throw propError(scope, `${prefix}native`, c.native, 'init containers run to completion; for a container that starts first and keeps running, use a sidecar with native: true');
  }
  for (const key of ['readiness', 'liveness', 'startup', 'preStop'] as const) {
    if (c[key] !== undefined) throw propError(scope, `${prefix}${key}`, c[key]!.kind, 'init containers run to completion and take no probes nor preStop hook (a sidecar with native: true does)');
  }
}
