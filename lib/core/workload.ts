/**
 * The objects of one version (or track, or color) of an app: its ConfigMap,
 * Deployment, HPA and PDB, shared by every strategy that runs two versions.
 * Internal: not exported from the package.
 */
import { k8s } from 'cdk8s-plus-28';
import { AppModel } from './app-model';
import { AppVersionProps } from './app-props';

/** One version of a two-version strategy. */
export interface VersionOptions {
  /** The construct id prefix of its objects (`Blue`, `Stable`, ...). */
  readonly id: string;
  /** The Deployment name (also of its ConfigMap `<name>-config`, HPA and PDB). */
  readonly name: string;
  /** The version it runs. */
  readonly version: AppVersionProps;
  /** The prop path of `version`, for error messages (`blue.`, `canary.`). */
  readonly versionProp: string;
  /** The selector label that tells this version apart (a color or a track). */
  readonly label: Record<string, string>;
  /** The pods it runs (the HPA's minimum when autoscaled). */
  readonly replicas: number;
  /** Whether an HPA scales it (its Deployment then has no `replicas`). */
  readonly autoscaled: boolean;
}

/**
 * The ConfigMap and Deployment of one version, defined at once; its HPA and
 * PDB are defined by `scale()`, which strategies call where the object order
 * of their output wants them.
 */
export class VersionWorkload {
  /** The labels its pods are selected by. */
  public readonly selector: Record<string, string>;
  /** The pods it runs. */
  public readonly replicas: number;
  /** The ConfigMap, when the version has config files. */
  public readonly configMap?: k8s.KubeConfigMap;
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** The HPA, once `scale()` defined it for an autoscaled version. */
  public autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PDB, once `scale()` defined it (when enabled). */
  public disruptionBudget?: k8s.KubePodDisruptionBudget;

  public constructor(private readonly model: AppModel, private readonly options: VersionOptions) {
    this.selector = { ...model.selectorLabels, ...options.label };
    this.replicas = options.replicas;
    this.configMap = model.configMap(`${options.id}ConfigMap`, options.name, options.version, options.label);
    this.deployment = model.deployment(`${options.id}Deployment`, {
      name: options.name,
      version: options.version,
      versionProp: options.versionProp,
      extraSelector: options.label,
      replicas: options.autoscaled ? undefined : options.replicas,
    });
  }

  /** Defines the HPA (when autoscaled) and the PDB of this version. */
  public scale(): this {
    const { id, name, label, autoscaled } = this.options;
    this.autoscaler = autoscaled ? this.model.hpa(`${id}Autoscaler`, name, name, label) : undefined;
    this.disruptionBudget = this.model.pdb(`${id}DisruptionBudget`, name, this.selector, this.replicas, label);
    return this;
  }
}

/**
 * One track of a canary strategy (the pod label `<label>: <track>`), sized
 * like the app (its own replicas, or the HPA's minimum under an HPA), with its
 * HPA and PDB defined at once.
 */
export function trackWorkload(model: AppModel, id: string, name: string, version: AppVersionProps, label: string, track: string): VersionWorkload {
  return new VersionWorkload(model, {
    id,
    name,
    version,
    versionProp: `${track}.`,
    label: { [label]: track },
    replicas: model.autoscaled ? model.minReplicas : model.replicasOf(version),
    autoscaled: model.autoscaled,
  }).scale();
}
