/**
 * The promotion gate of the Argo CD output: Argo CD's health of a Flagger
 * Canary reads `Succeeded` from the previous release until Flagger notices a
 * new one, so an app would look healthy before its analysis ran. A Job per
 * release waits until `<target>-primary` runs this release's revision (the
 * revision annotation of the target's pod template, which Flagger copies to
 * the primary only when it promotes) and has rolled out. A new revision
 * gives a new Job name, so the Job is Progressing from the moment Argo CD
 * applies it: the app is Healthy only once the release is promoted, and
 * Degraded when it is not within the rollout's time budget. Internal.
 */
import { REVISION_ANNOTATION } from '../../core/delivery-hints';
import { MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL } from '../../core/labels';
/** The user and group the gate containers run as (no root needed). */
const GATE_USER = 65532;
/** Characters of the revision in the Job name. */
const REVISION_CHARS = 10;

/** A workload Flagger promotes, with the revision it must end up running. */
export interface GateTarget {
  readonly namespace: string;
  /** `Deployment` or `DaemonSet`. */
  readonly kind: string;
  /** The target workload, whose pod template carries the revision. */
  readonly name: string;
  /** The workload Flagger promotes to: `<name>-primary`. */
  readonly promoted: string;
  readonly revision: string;
}

/**
 * The targets of the Flagger Canaries among `objects` whose pod template
 * carries a revision annotation (without one, nothing tells a release of
 * the primary from the next).
 */
export function gateTargets(objects: any[]): GateTarget[] {
  const targets: GateTarget[] = [];
  for (const canary of objects.filter(o => o.kind === 'Canary' && String(o.apiVersion).startsWith('flagger.app/'))) {
    const namespace = canary.metadata?.namespace;
    const kind = canary.spec?.targetRef?.kind ?? 'Deployment';
    const name = canary.spec?.targetRef?.name;
    const target = objects.find(o => o.kind === kind && o.metadata?.name === name && o.metadata?.namespace === namespace);
    const revision = target?.spec?.template?.metadata?.annotations?.[REVISION_ANNOTATION];
    if (typeof revision === 'string' && revision !== '') targets.push({ namespace, kind, name, promoted: `${name}-primary`, revision });
  }
  return targets;
}

/** The name of the gate's ServiceAccount, Role and RoleBinding (one per target, every release). */
export function gateAccountName(target: GateTarget): string {
  return `${target.name.slice(0, 58)}-gate`;
}

/** The Job of one release: a name per revision, so a new release never finds the last one's result. */
export function gateJob(target: GateTarget, image: string, deadlineSeconds: number): any {
  const revision = target.revision.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, REVISION_CHARS) || 'r';
  const suffix = `-gate-${revision}`;
  const name = `${target.name.slice(0, 63 - suffix.length)}${suffix}`;
  const labels = gateLabels(target);
  const workload = `${target.kind.toLowerCase()}/${target.promoted}`;
  const timeout = `--timeout=${deadlineSeconds}s`;
  const step = (stepName: string, args: string[]) => ({
    name: stepName,
    image,
    command: ['kubectl'],
    args: [...args, workload, `--namespace=${target.namespace}`, timeout],
    env: [{ name: 'HOME', value: '/tmp' }],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  });
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: target.namespace, labels, annotations: { [REVISION_ANNOTATION]: target.revision } },
    spec: {
      activeDeadlineSeconds: deadlineSeconds,
      backoffLimit: 3,
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: gateAccountName(target),
          restartPolicy: 'Never',
          securityContext: { runAsNonRoot: true, runAsUser: GATE_USER, runAsGroup: GATE_USER, seccompProfile: { type: 'RuntimeDefault' } },
          initContainers: [
            step('primary-exists', ['wait', '--for=create']),
            step('primary-has-revision', ['wait', `--for=jsonpath={.spec.template.metadata.annotations.${REVISION_ANNOTATION}}=${target.revision}`]),
          ],
          containers: [step('primary-rolled-out', ['rollout', 'status'])],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

/** The ServiceAccount, Role and RoleBinding a gate runs with: read access to the primary only. */
export function gateAccess(target: GateTarget): any[] {
  const name = gateAccountName(target);
  const metadata = { name, namespace: target.namespace, labels: gateLabels(target) };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      rules: [{ apiGroups: ['apps'], resources: [`${target.kind.toLowerCase()}s`], resourceNames: [target.promoted], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: target.namespace }],
    },
  ];
}

function gateLabels(target: GateTarget): Record<string, string> {
  return { [NAME_LABEL]: gateAccountName(target), 'app.kubernetes.io/component': 'promotion-gate', [MANAGED_BY_LABEL]: MANAGED_BY };
}
