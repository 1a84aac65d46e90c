/**
 * A checker for the Pod Security Standards "restricted" profile (which
 * includes "baseline"), applied to every pod template we synthesize.
 */
const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** The pod spec inside a workload object, if it has one. */
export function podSpecOf(obj: any): any | undefined {
  if (obj?.kind === 'Pod') return obj.spec;
  if (obj?.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj?.spec?.template?.spec;
}

/** Violations of PSS "restricted" in one pod spec. */
export function pssViolations(spec: any): string[] {
  const v: string[] = [];
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  const podSc = spec.securityContext ?? {};
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) v.push('host namespaces are used');
  for (const vol of spec.volumes ?? []) {
    const types = Object.keys(vol).filter(k => k !== 'name');
    if (!types.every(t => ALLOWED_VOLUMES.includes(t))) v.push(`volume ${vol.name} has a forbidden type ${types}`);
  }
  if (podSc.runAsUser === 0) v.push('pod runAsUser is 0');
  const seccompOk = (sc: any) => ['RuntimeDefault', 'Localhost'].includes(sc?.seccompProfile?.type);
  for (const [key, value] of Object.entries<any>(spec.securityContext?.sysctls ?? [])) v.push(`sysctl ${key}=${value} set`);
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const name = `container ${c.name}`;
    if (sc.privileged) v.push(`${name} is privileged`);
    if (sc.allowPrivilegeEscalation !== false) v.push(`${name} does not set allowPrivilegeEscalation: false`);
    if (!(sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && podSc.runAsNonRoot === true))) v.push(`${name} may run as root (runAsNonRoot)`);
    if (sc.runAsUser === 0) v.push(`${name} runAsUser is 0`);
    if (!(seccompOk(sc) || (sc.seccompProfile === undefined && seccompOk(podSc)))) v.push(`${name} has no RuntimeDefault/Localhost seccomp profile`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) v.push(`${name} does not drop ALL capabilities`);
    const added = (sc.capabilities?.add ?? []).filter((cap: string) => cap !== 'NET_BIND_SERVICE');
    if (added.length) v.push(`${name} adds capabilities ${added}`);
    if (sc.procMount && sc.procMount !== 'Default') v.push(`${name} uses procMount ${sc.procMount}`);
    if (sc.windowsOptions?.hostProcess) v.push(`${name} is a HostProcess container`);
    for (const p of c.ports ?? []) if (p.hostPort) v.push(`${name} uses hostPort ${p.hostPort}`);
    const seLinuxType = sc.seLinuxOptions?.type;
    if (seLinuxType && !['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(seLinuxType)) v.push(`${name} SELinux type ${seLinuxType}`);
  }
  return v;
}
