/**
 * The Pod Security Standards (Kubernetes 1.28): what a pod spec must satisfy
 * to be admitted into a namespace enforcing "baseline" or "restricted".
 */
import { PodSecurityLevel } from '../core/pod-security-level';

/** Volume types "restricted" allows. */
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** Capabilities "baseline" lets a container add. */
const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
/** Sysctls "baseline" allows. */
const SAFE_SYSCTLS = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports'];
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/** The pod spec inside a workload object (Pod, Deployment, Rollout, Job, CronJob, ...), if it has one. */
export function podSpecOf(obj: any): any | undefined {
  if (obj?.kind === 'Pod') return obj.spec;
  if (obj?.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj?.spec?.template?.spec;
}

/** The field path of the pod spec inside `obj` (JSON Pointer). */
export function podSpecPath(obj: any): string {
  if (obj?.kind === 'Pod') return '/spec';
  if (obj?.kind === 'CronJob') return '/spec/jobTemplate/spec/template/spec';
  return '/spec/template/spec';
}

/** A pod an object runs: its spec, the spec's field path (JSON Pointer) and the pod's annotations. */
export interface PodOf {
  readonly spec: any;
  readonly path: string;
  readonly annotations: Record<string, string>;
}

/**
 * Every pod `obj` runs: a workload's pod template, or the Job pods of an
 * Argo Rollouts analysis template's `job` metrics.
 */
export function podsOf(obj: any): PodOf[] {
  if (obj?.kind === 'AnalysisTemplate' || obj?.kind === 'ClusterAnalysisTemplate') {
    return (obj.spec?.metrics ?? []).flatMap((m: any, i: number) => {
      const template = m?.provider?.job?.spec?.template;
      return template?.spec ? [{ spec: template.spec, path: `/spec/metrics/${i}/provider/job/spec/template/spec`, annotations: template.metadata?.annotations ?? {} }] : [];
    });
  }
  const spec = podSpecOf(obj);
  if (!spec) return [];
  return [{ spec, path: podSpecPath(obj), annotations: (obj.kind === 'Pod' ? obj.metadata?.annotations : obj.spec?.template?.metadata?.annotations) ?? {} }];
}

/** A violation: the field path inside the pod spec and what is wrong. */
export type PodSecurityViolation = [string, string];

/**
 * The violations of a pod spec against `level` (none for "privileged");
 * `annotations` are the pod's (AppArmor is an annotation in 1.28).
 */
export function podSecurityViolations(spec: any, level: PodSecurityLevel = PodSecurityLevel.RESTRICTED, annotations: Record<string, string> = {}): PodSecurityViolation[] {
  if (level === PodSecurityLevel.PRIVILEGED) return [];
  const v: PodSecurityViolation[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value === 'unconfined') v.push([`/metadata/annotations/${key}`, `${key.split('/')[1]} runs without AppArmor (baseline)`]);
  }
  const pod = spec.securityContext ?? {};
  const containers: Array<[string, any]> = [
    ...(spec.containers ?? []).map((c: any, i: number) => [`/containers/${i}`, c] as [string, any]),
    ...(spec.initContainers ?? []).map((c: any, i: number) => [`/initContainers/${i}`, c] as [string, any]),
    ...(spec.ephemeralContainers ?? []).map((c: any, i: number) => [`/ephemeralContainers/${i}`, c] as [string, any]),
  ];
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[key]) v.push([`/${key}`, `${key} shares a host namespace (baseline)`]);
  if (pod.windowsOptions?.hostProcess) v.push(['/securityContext/windowsOptions/hostProcess', 'HostProcess pods are not allowed (baseline)']);
  (spec.volumes ?? []).forEach((vol: any, i: number) => {
    if (vol.hostPath) v.push([`/volumes/${i}/hostPath`, `volume ${vol.name} is a hostPath (baseline)`]);
    const types = Object.keys(vol).filter(k => k !== 'name');
    if (level === PodSecurityLevel.RESTRICTED && !types.every(t => RESTRICTED_VOLUMES.includes(t))) v.push([`/volumes/${i}`, `volume ${vol.name} has type ${types.join(', ')}; restricted allows ${RESTRICTED_VOLUMES.join(', ')}`]);
  });
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.includes(s.name)) v.push(['/securityContext/sysctls', `sysctl ${s.name} is not in the safe set (baseline)`]);
  checkContext(v, '/securityContext', pod, 'the pod', level, true);
  for (const [path, c] of containers) {
    const sc = c.securityContext ?? {};
    const name = `container ${c.name}`;
    if (sc.privileged) v.push([`${path}/securityContext/privileged`, `${name} is privileged (baseline)`]);
    if (sc.windowsOptions?.hostProcess) v.push([`${path}/securityContext/windowsOptions/hostProcess`, `${name} is a HostProcess container (baseline)`]);
    if (sc.procMount && sc.procMount !== 'Default') v.push([`${path}/securityContext/procMount`, `${name} uses procMount ${sc.procMount} (baseline)`]);
    (c.ports ?? []).forEach((p: any, i: number) => { if (p.hostPort) v.push([`${path}/ports/${i}/hostPort`, `${name} uses hostPort ${p.hostPort} (baseline)`]); });
    const added: string[] = sc.capabilities?.add ?? [];
    const notBaseline = added.filter(cap => !BASELINE_CAPABILITIES.includes(cap));
    if (notBaseline.length) v.push([`${path}/securityContext/capabilities/add`, `${name} adds ${notBaseline.join(', ')} (baseline allows only the default set)`]);
    checkContext(v, `${path}/securityContext`, sc, name, level, false);
    if (level !== PodSecurityLevel.RESTRICTED) continue;
    if (sc.allowPrivilegeEscalation !== false) v.push([`${path}/securityContext/allowPrivilegeEscalation`, `${name} must set allowPrivilegeEscalation: false (restricted)`]);
    if (!(sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && pod.runAsNonRoot === true))) v.push([`${path}/securityContext/runAsNonRoot`, `${name} may run as root: set runAsNonRoot: true (restricted)`]);
    const seccomp = (x: any) => ['RuntimeDefault', 'Localhost'].includes(x?.seccompProfile?.type);
    if (!(seccomp(sc) || (sc.seccompProfile === undefined && seccomp(pod)))) v.push([`${path}/securityContext/seccompProfile`, `${name} needs a RuntimeDefault or Localhost seccomp profile (restricted)`]);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) v.push([`${path}/securityContext/capabilities/drop`, `${name} must drop ALL capabilities (restricted)`]);
    const beyondBind = added.filter(cap => cap !== 'NET_BIND_SERVICE');
    if (beyondBind.length) v.push([`${path}/securityContext/capabilities/add`, `${name} adds ${beyondBind.join(', ')}; restricted allows only NET_BIND_SERVICE`]);
  }
  return v;
}

/** The checks shared by the pod and container security contexts. */
function checkContext(v: PodSecurityViolation[], path: string, sc: any, who: string, level: PodSecurityLevel, isPod: boolean) {
  const selinux = sc.seLinuxOptions;
  if (selinux?.type && !SELINUX_TYPES.includes(selinux.type)) v.push([`${path}/seLinuxOptions/type`, `${who} uses SELinux type ${selinux.type} (baseline)`]);
  if (selinux?.user || selinux?.role) v.push([`${path}/seLinuxOptions`, `${who} sets an SELinux user or role (baseline)`]);
  if (sc.seccompProfile?.type === 'Unconfined') v.push([`${path}/seccompProfile/type`, `${who} runs without seccomp (Unconfined; baseline)`]);
  if (level === PodSecurityLevel.RESTRICTED && sc.runAsUser === 0) v.push([`${path}/runAsUser`, `${who} runs as user 0 (restricted)`]);
  if (isPod && level === PodSecurityLevel.RESTRICTED && sc.runAsNonRoot === false) v.push([`${path}/runAsNonRoot`, `${who} allows root (restricted)`]);
}
