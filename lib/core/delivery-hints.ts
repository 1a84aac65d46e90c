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
}

/** A construct that publishes delivery hints. */
export interface IDeliveryHintSource {
  /** @internal */
  _deliveryHints(): DeliveryHints;
}

/** Whether `x` publishes delivery hints. */
export function isDeliveryHintSource(x: unknown): x is IDeliveryHintSource {
  return typeof (x as IDeliveryHintSource | undefined)?._deliveryHints === 'function';
}
