/**
 * What an app tells the GitOps outputs about itself, so that a writer (Flux,
 * Argo CD) can wait for it and leave alone what a controller changes, without
 * knowing the controller. Internal: not exported from the package.
 */

/**
 * A CEL health rule for one kind of object: `current` is true when it is
 * healthy, `inProgress` while it is still changing, `failed` when it failed.
 * The variables are the object's top-level fields (`metadata`, `spec`, `status`).
 */
export interface HealthRule {
  readonly apiVersion: string;
  readonly kind: string;
  readonly current: string;
  readonly inProgress?: string;
  readonly failed?: string;
}

/** Fields of one object that a controller changes, so GitOps must not correct them. */
export interface DriftIgnore {
  readonly kind: string;
  readonly name: string;
  /** JSON Pointers, e.g. `/spec/replicas`. */
  readonly paths: string[];
}

/** Cluster components a construct needs installed before its objects work. */
export interface ClusterNeeds {
  /** Flagger and its CRDs. */
  readonly flagger?: boolean;
  /** The Flagger provider it routes through (e.g. `gatewayapi:v1`). */
  readonly flaggerProvider?: string;
  /** The Gateway API CRDs (it defines routes, or Flagger creates them). */
  readonly gatewayApi?: boolean;
}

/** A workload that is healthy only once it runs a given revision (Flagger's primary after a promotion). */
export interface RevisionGate {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Its namespace, when the app sets one (else the folder's). */
  readonly namespace?: string;
  /** The pod-template annotation that carries the revision. */
  readonly annotation: string;
  readonly revision: string;
}

/** The hints of one construct. */
export interface DeliveryHints {
  readonly healthRules: HealthRule[];
  readonly driftIgnores: DriftIgnore[];
  /**
   * The construct is a helper that apps of one namespace share (a load
   * tester): a layout applies it once per namespace, from the first app
   * folder that defines it.
   */
  readonly sharedPerNamespace?: boolean;
  /** Cluster components it needs. */
  readonly needs?: ClusterNeeds;
  /**
   * Workloads created at runtime that must run the app's revision before
   * the app counts as released (the promotion gate).
   */
  readonly revisionGates?: RevisionGate[];
}

/** The pod-template annotation that carries a deterministic hash of the pod template: the revision a release ships. */
export const REVISION_ANNOTATION = 'cdk8s-delivery/revision';

/** A construct that publishes delivery hints. */
export interface IDeliveryHintSource {
  /** @internal */
  _deliveryHints(): DeliveryHints;
}

/** Whether `x` publishes delivery hints. */
export function isDeliveryHintSource(x: unknown): x is IDeliveryHintSource {
  return typeof (x as IDeliveryHintSource | undefined)?._deliveryHints === 'function';
}
