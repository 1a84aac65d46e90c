/** The selector label every app uses (Flagger's first choice among `app`, `name`, `app.kubernetes.io/name`). */
export const NAME_LABEL = 'app.kubernetes.io/name';
/** The `app.kubernetes.io/instance` label. */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** The `app.kubernetes.io/version` label. */
export const VERSION_LABEL = 'app.kubernetes.io/version';
/** The `app.kubernetes.io/managed-by` label. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** The `app.kubernetes.io/part-of` label. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
/** The pod-template annotation that carries the checksum of the app's config files. */
export const CONFIG_CHECKSUM_ANNOTATION = 'checksum/config';
/** The value of `app.kubernetes.io/managed-by`. */
export const MANAGED_BY = 'cdk8s-delivery';
