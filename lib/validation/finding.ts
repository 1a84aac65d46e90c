/** One problem found in a manifest. */
export interface ValidationFinding {
  /** The rule that found it (`schema`, `cel`, `pod-security`, `selector`, `service`, `ownership`, ...). */
  readonly rule: string;
  /** The object, as `<kind> <namespace>/<name>` (`<kind> <name>` for cluster-scoped ones). */
  readonly object: string;
  /** The field path inside the object, e.g. `/spec/template/spec/containers/0/ports`. */
  readonly field: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /**
   * The file the object is written to, relative to the output folder.
   *
   * @default - not known (objects validated before they are written)
   */
  readonly file?: string;
}
