/**
 * What a GitOps output (Flux, Argo CD) writes for one cluster, as the layout
 * drives it: the layout hands it the namespaces and app units one by one and
 * writes, after checking them, the objects it returns. Internal.
 */
import { AppUnit } from './app-unit';
import { DeliveryEnvironment } from './delivery-environment';
import { NamespaceSetup } from './namespaces';

/** Objects an output writes into one folder of the output, one object per file. */
export interface OutputBatch {
  /** The folder, relative to the output folder. */
  readonly folder: string;
  /** The objects. */
  readonly objects: any[];
  /** Write a `kustomization.yaml` listing them (the folder is complete). */
  readonly kustomization: boolean;
  /** Folders inside it that the kustomization.yaml lists too (each written with a kustomization.yaml of its own). */
  readonly subfolders?: string[];
}

/** The writer of one GitOps output for one cluster. */
export interface ClusterOutput {
  /**
   * The engine that applies the output's own objects, e.g. "flux". Outputs
   * are alternatives: objects of two engines never count as two owners.
   */
  readonly engine: string;
  /** A namespace the cluster's apps use, to be created. */
  addNamespace(setup: NamespaceSetup): void;
  /** One app folder. */
  addApp(unit: AppUnit): void;
  /** The commands that watch the rollout of `unit`, for its rollout plan. */
  watchCommands(unit: AppUnit): string[];
  /**
   * How promotion between environments waits on `unit`, for its rollout
   * plan: what it waits for, and how `downstream` (the environments that
   * come after and deploy the same app) wait for it. The layout adds the
   * worst-case wait.
   */
  promotionNotes(unit: AppUnit, downstream: DeliveryEnvironment[]): string[];
  /** The objects defined since the last flush, to be written now. */
  flush(): OutputBatch[];
  /** Called once after the last app: the objects that needed every app. */
  finish(): OutputBatch[];
}
