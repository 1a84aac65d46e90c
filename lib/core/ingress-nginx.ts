/**
 * What ingress-nginx accepts in the canary annotations, which its annotation
 * validation (on by default) checks: an Ingress with other characters is
 * refused by its admission webhook. Internal: not exported from the package.
 */

/** The ingress-nginx annotation prefix. */
export const NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io';

/** `canary-by-header`, `canary-by-header-value` and `canary-by-cookie`: letters, digits and `-._~:/`. */
export const NGINX_BASIC_CHARS = /^[-._~a-zA-Z0-9/:]+$/;

/** `canary-by-header-pattern`: the basic characters plus the regex characters `^$[](){}*+?|&=\`. */
export const NGINX_REGEX_CHARS = /^[-._~a-zA-Z0-9/:^$[\](){}*+?|&=\\]+$/;

/** The `nginx.ingress.kubernetes.io/canary*` annotation keys among `annotations` (they turn an Ingress into a canary Ingress). */
export function nginxCanaryAnnotationKeys(annotations: Record<string, string> | undefined): string[] {
  return Object.keys(annotations ?? {}).filter(key => key.startsWith(`${NGINX_ANNOTATION_PREFIX}/canary`));
}
