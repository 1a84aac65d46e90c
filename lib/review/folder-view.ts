/**
 * Questions about one changed app folder that the rollout rules ask: an
 * object on either side, its change, a workload's replicas, whether its pods
 * are replaced. Internal.
 */
import { FolderDelta, ObjectDelta } from './compare';
import { replacesPods } from './object-diff';

/** Which side of the change. */
export type Side = 'before' | 'after';

/** Read access to a changed app folder. */
export class FolderView {
  /** `tool`: the GitOps tools that apply the folder, in words (e.g. "Flux"). */
  constructor(public readonly delta: FolderDelta, public readonly tool: string) {}

  /** The object of `kind` named `name` on `side` (any namespace). */
  find(side: Side, kind: string, name: string): any {
    for (const obj of this.delta[side].values()) if (obj.kind === kind && obj.metadata?.name === name) return obj;
    return undefined;
  }

  /** Every object of `kind` on `side`. */
  all(side: Side, kind: string): any[] {
    return [...this.delta[side].values()].filter(o => o.kind === kind);
  }

  /** The change of the object of `kind` named `name`, if it changed. */
  change(kind: string, name: string): ObjectDelta | undefined {
    return this.delta.objects.find(o => o.kind === kind && o.name === name);
  }

  /** Whether the object changed in one of these aspects. */
  changedIn(kind: string, name: string, ...aspects: string[]): boolean {
    return this.change(kind, name)?.aspects.some(a => aspects.includes(a.kind)) ?? false;
  }

  /** Whether the workload exists on both sides and its pods are replaced (image, config or pod template). */
  podsReplaced(kind: string, name: string): boolean {
    const c = this.change(kind, name);
    return c?.change === 'modified' && replacesPods(c.aspects);
  }

  /**
   * The pods a workload runs on `side`: its `replicas`, else the minimum of
   * the HPA that scales it, else 1 (the Kubernetes default); 0 when absent.
   */
  replicas(side: Side, kind: string, name: string): number {
    const workload = this.find(side, kind, name);
    if (!workload) return 0;
    if (typeof workload.spec?.replicas === 'number') return workload.spec.replicas;
    const hpa = this.all(side, 'HorizontalPodAutoscaler').find(h => h.spec?.scaleTargetRef?.name === name && h.spec?.scaleTargetRef?.kind === kind);
    return hpa?.spec?.minReplicas ?? 1;
  }

  /** The image changes of a workload, in words (`image `web`: a → b`). */
  imageChanges(kind: string, name: string): string[] {
    return (this.change(kind, name)?.aspects ?? []).filter(a => a.kind === 'image').map(a => a.text);
  }

  /**
   * ConfigMaps and Secrets whose data changed and that the pods of the
   * workload reference (volumes, envFrom, env): Flagger starts an analysis
   * for those even when the pod template is unchanged.
   */
  referencedConfigChanges(kind: string, name: string): string[] {
    const workload = this.find('after', kind, name);
    const pod = workload?.spec?.template?.spec;
    if (!pod) return [];
    const refs = new Set<string>();
    for (const v of pod.volumes ?? []) {
      if (v.configMap?.name) refs.add(`ConfigMap/${v.configMap.name}`);
      if (v.secret?.secretName) refs.add(`Secret/${v.secret.secretName}`);
      for (const s of v.projected?.sources ?? []) {
        if (s.configMap?.name) refs.add(`ConfigMap/${s.configMap.name}`);
        if (s.secret?.name) refs.add(`Secret/${s.secret.name}`);
      }
    }
    for (const c of [...pod.initContainers ?? [], ...pod.containers ?? []]) {
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef?.name) refs.add(`ConfigMap/${e.configMapRef.name}`);
        if (e.secretRef?.name) refs.add(`Secret/${e.secretRef.name}`);
      }
      for (const e of c.env ?? []) {
        if (e.valueFrom?.configMapKeyRef?.name) refs.add(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
        if (e.valueFrom?.secretKeyRef?.name) refs.add(`Secret/${e.valueFrom.secretKeyRef.name}`);
      }
    }
    return this.delta.objects
      .filter(o => o.change === 'modified' && refs.has(`${o.kind}/${o.name}`) && o.aspects.some(a => a.kind === 'config'))
      .map(o => `${o.kind} ${o.name}`);
  }
}
