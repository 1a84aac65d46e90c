import { posix } from 'path';
import { propError, Where } from './errors';
import { parseQuantity } from './quantity';

/** The largest 32-bit integer, the bound of most Kubernetes integer fields. */
export const INT32_MAX = 2147483647;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const FLAGGER_DURATION = /^[0-9]+(m|s)$/;
const FLUX_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
/** The Gateway API `Duration` format (GEP-2257). */
const GATEWAY_API_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
const WILDCARD_HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const HTTP_URL = /^https?:\/\/[^\s/]+/;
/** The characters ingress-nginx accepts in `Exact` and `Prefix` paths. */
const PLAIN_PATH = /^\/[A-Za-z0-9._~\-/]*$/;
/** The most annotation bytes (keys and values) the API server accepts on one object. */
const MAX_ANNOTATION_BYTES = 256 * 1024;
/** The longest duration Go's time.Duration holds (about 2,562,047 hours), in seconds. */
export const MAX_GO_DURATION_SECONDS = 9223372036;
/** Sequences and endings the API server refuses in `Exact` and `Prefix` Ingress paths. */
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/**
 * Synth-time checks shared by every construct. Each throws an error naming
 * the construct path, the prop, the bad value and the rule.
 *
 * @internal
 */
export class Check {
  /** A DNS-1035 label (Service names) of at most `maxLength` characters. */
  public static dns1035(scope: Where, prop: string, value: string, maxLength = 63, why = '') {
    if (typeof value !== 'string' || !DNS_1035.test(value) || value.length > maxLength) {
      throw propError(scope, prop, value, `must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit) of at most ${maxLength} characters${why}`);
    }
  }

  /** A DNS-1123 label (namespaces). */
  public static dns1123Label(scope: Where, prop: string, value: string) {
    if (typeof value !== 'string' || !DNS_1123_LABEL.test(value) || value.length > 63) {
      throw propError(scope, prop, value, 'must be a DNS-1123 label (lowercase letters, digits and \'-\', at most 63 characters)');
    }
  }

  /** A DNS-1123 subdomain (object names, hosts). */
  public static dns1123Subdomain(scope: Where, prop: string, value: string, maxLength = 253, why = '') {
    if (typeof value !== 'string' || !DNS_1123_SUBDOMAIN.test(value) || value.length > maxLength) {
      throw propError(scope, prop, value, `must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.') of at most ${maxLength} characters${why}`);
    }
  }

  /** Kubernetes label keys and values. */
  public static labels(scope: Where, prop: string, labels: Record<string, string> | undefined) {
    for (const [key, value] of Object.entries(labels ?? {})) {
      Check.labelKey(scope, `${prop}.${key}`, key);
      Check.labelValue(scope, `${prop}.${key}`, value);
    }
  }

  /** A label key (an optional DNS subdomain prefix and '/', then a name of at most 63 characters). */
  public static labelKey(scope: Where, prop: string, key: string) {
    if (typeof key !== 'string' || !validKey(key)) {
      throw propError(scope, prop, key, 'label keys are an optional DNS subdomain prefix and \'/\' plus a name of at most 63 characters ([A-Za-z0-9-_.], alphanumeric at both ends)');
    }
  }

  /** A label value (at most 63 characters, alphanumeric at both ends). */
  public static labelValue(scope: Where, prop: string, value: string) {
    if (typeof value !== 'string' || !LABEL_VALUE.test(value) || value.length > 63) {
      throw propError(scope, prop, value, 'label values are empty or at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends');
    }
  }

  /** Annotation keys and values, and their total size (the API server's limit is 256 KiB per object). */
  public static annotations(scope: Where, prop: string, annotations: Record<string, string> | undefined) {
    let bytes = 0;
    for (const [key, value] of Object.entries(annotations ?? {})) {
      if (!validKey(key)) {
        throw propError(scope, `${prop}.${key}`, key, 'annotation keys are an optional DNS subdomain prefix and \'/\' plus a name of at most 63 characters');
      }
      if (typeof value !== 'string') throw propError(scope, `${prop}.${key}`, value, 'annotation values are strings');
      bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
    if (bytes > MAX_ANNOTATION_BYTES) {
      throw propError(scope, prop, `${Object.keys(annotations!).length} annotation(s)`, `the annotations add up to ${bytes} bytes; the API server accepts at most ${MAX_ANNOTATION_BYTES} (256 KiB) per object`);
    }
  }

  /**
   * An integer within [min, max]; without `max`, a 32-bit integer as the API
   * server stores most counts, seconds and ports.
   */
  public static int(scope: Where, prop: string, value: number | undefined, min: number, max?: number) {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > (max ?? INT32_MAX)) {
      const range = max !== undefined ? `an integer from ${min} to ${max}` : value > INT32_MAX ? `an integer from ${min} to ${INT32_MAX} (a 32-bit integer, as the API server stores it)` : `an integer >= ${min}`;
      throw propError(scope, prop, value, `must be ${range}`);
    }
  }

  /**
   * A progress deadline (`defaultDeadline` when not given) longer than
   * minReadySeconds, as the API server (Deployments) and Argo Rollouts
   * (Rollouts) require.
   */
  public static progressDeadline(scope: Where, minReadySeconds: number | undefined, progressDeadlineSeconds: number | undefined, defaultDeadline: number) {
    const deadline = progressDeadlineSeconds ?? defaultDeadline;
    if (minReadySeconds === undefined || deadline > minReadySeconds) return;
    if (progressDeadlineSeconds === undefined) {
      throw propError(scope, 'minReadySeconds', minReadySeconds, `must be less than progressDeadlineSeconds (${deadline}, the default); raise progressDeadlineSeconds too`);
    }
    throw propError(scope, 'progressDeadlineSeconds', progressDeadlineSeconds, `must be greater than minReadySeconds (${minReadySeconds})`);
  }

  /** A TCP/UDP port number. */
  public static port(scope: Where, prop: string, value: number | undefined) {
    Check.int(scope, prop, value, 1, 65535);
  }

  /** An IANA_SVC_NAME port name (at most 15 characters, at least one letter). */
  public static portName(scope: Where, prop: string, value: string) {
    if (typeof value !== 'string' || !PORT_NAME.test(value) || value.length > 15 || !/[a-z]/.test(value) || value.includes('--')) {
      throw propError(scope, prop, value, 'port names are at most 15 lowercase letters, digits and \'-\' (no \'--\'), with at least one letter');
    }
  }

  /** A resource quantity such as `100m` or `256Mi`. */
  public static quantity(scope: Where, prop: string, value: string | undefined) {
    if (value === undefined) return;
    if (parseQuantity(value) === undefined) {
      throw propError(scope, prop, value, 'must be a non-negative Kubernetes quantity such as "250m", "1", "128Mi" or "2Gi"');
    }
  }

  /** A Flagger duration: digits followed by `s` or `m`. */
  public static flaggerDuration(scope: Where, prop: string, value: string | undefined) {
    if (value === undefined) return;
    if (typeof value !== 'string' || !FLAGGER_DURATION.test(value)) {
      throw propError(scope, prop, value, 'must be a whole number of seconds or minutes such as "30s" or "1m"');
    }
  }

  /** A Flux (Go) duration such as `10m` or `1h30m`, within what Go's durations hold. */
  public static fluxDuration(scope: Where, prop: string, value: string | undefined) {
    if (value === undefined) return;
    if (typeof value !== 'string' || !FLUX_DURATION.test(value) || durationSeconds(value) > MAX_GO_DURATION_SECONDS) {
      throw propError(scope, prop, value, 'must be a duration such as "30s", "10m" or "1h30m" (units ms, s, m, h), at most 2562047h (Go\'s limit)');
    }
  }

  /** A Gateway API duration: up to 4 whole numbers of h, m, s or ms (`30s`, `1m30s`). */
  public static gatewayDuration(scope: Where, prop: string, value: string | undefined) {
    if (value === undefined) return;
    if (typeof value !== 'string' || !GATEWAY_API_DURATION.test(value)) {
      throw propError(scope, prop, value, 'Gateway API durations are up to 4 whole numbers of h, m, s or ms, such as "30s" or "1m30s" (no decimals)');
    }
  }

  /**
   * A host name as Ingresses, Istio and Gateway API take it: a DNS-1123
   * subdomain (labels of at most 63 characters, 253 in all), optionally
   * starting with `*.`, and not an IP address.
   */
  public static host(scope: Where, prop: string, value: string) {
    const name = typeof value === 'string' ? value.replace(/^\*\./, '') : '';
    if (typeof value !== 'string' || !WILDCARD_HOST.test(value) || value.length > 253 || name.split('.').some(label => label.length > 63) || IPV4.test(name)) {
      throw propError(scope, prop, value, 'hosts are DNS names (labels of at most 63 lowercase letters, digits and \'-\'), optionally starting with "*.", not IP addresses');
    }
  }

  /** An http:// or https:// URL. */
  public static httpUrl(scope: Where, prop: string, value: string | undefined) {
    if (value === undefined) return;
    if (typeof value !== 'string' || !HTTP_URL.test(value)) throw propError(scope, prop, value, 'must be an http:// or https:// URL');
  }

  /** An environment variable name. */
  public static envVarName(scope: Where, prop: string, value: string) {
    if (typeof value !== 'string' || !ENV_VAR_NAME.test(value)) {
      throw propError(scope, prop, value, 'variable names are letters, digits, \'_\', \'-\' and \'.\', not starting with a digit');
    }
  }

  /** A ConfigMap or Secret key (also a file name when mounted). */
  public static configMapKey(scope: Where, prop: string, value: string) {
    if (typeof value !== 'string' || !CONFIG_MAP_KEY.test(value) || value.length > 253 || value === '.' || value.startsWith('..')) {
      throw propError(scope, prop, value, 'keys are at most 253 letters, digits, \'-\', \'_\' and \'.\', and are not "." nor start with ".."');
    }
    if (value === '__proto__') throw propError(scope, prop, value, 'cdk8s cannot write a key named "__proto__" (it would drop it): rename it');
  }

  /**
   * An Ingress path: absolute; for `Exact` and `Prefix`, free of the sequences
   * the API server refuses and of regular-expression characters (ingress-nginx
   * validates these path types strictly and refuses them).
   */
  public static ingressPath(scope: Where, prop: string, value: string, pathType: string) {
    const allowed = 'Ingress paths start with "/"; Exact and Prefix paths must not contain "//", "/./", "/../" or "%2f" nor end with "/." or "/..", and are letters, digits and "/-._~" only (a regular expression needs pathType ImplementationSpecific)';
    if (typeof value !== 'string' || !value.startsWith('/')) throw propError(scope, prop, value, allowed);
    if (pathType === 'ImplementationSpecific') return;
    if (!PLAIN_PATH.test(value) || INVALID_PATH_SEQUENCES.some(seq => value.includes(seq)) || INVALID_PATH_SUFFIXES.some(suffix => value.endsWith(suffix))) {
      throw propError(scope, prop, value, allowed);
    }
  }

  /**
   * An absolute path inside a container, other than `/` and without `..`;
   * returns it normalized (no `.` parts, repeated or trailing `/`), the form
   * that decides whether two mounts collide.
   */
  public static mountPath(scope: Where, prop: string, value: string): string {
    if (typeof value !== 'string' || !value.startsWith('/') || value.split('/').includes('..') || value.includes(':')) {
      throw propError(scope, prop, value, 'must be an absolute path starting with "/", without ".." parts or ":"');
    }
    const normalized = normalizeMountPath(value);
    if (normalized === '') throw propError(scope, prop, value, 'a volume cannot be mounted over the root of the container ("/")');
    return normalized;
  }
}

/** A container path in the form that decides whether two mounts collide: no `.` parts, no repeated or trailing `/`. */
export function normalizeMountPath(value: string): string {
  return posix.normalize(value).replace(/\/+$/, '');
}

/** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
function validKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return LABEL_KEY_NAME.test(name) && name.length <= 63 && (prefix === undefined || (DNS_1123_SUBDOMAIN.test(prefix) && prefix.length <= 253));
}

/**
 * Seconds in a Flagger or Flux duration (`90s`, `2m`, `1h30m`).
 *
 * @internal
 */
export function durationSeconds(value: string): number {
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/([0-9.]+)(ms|s|m|h)/g)) {
    const n = Number(amount);
    total += unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : unit === 's' ? n : n / 1000;
  }
  return total;
}
