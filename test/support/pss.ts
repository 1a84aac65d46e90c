/** The Pod Security Standards "restricted" checker of the library, as the tests use it. */
import { PodSecurityLevel } from '../../lib';
import { podSecurityViolations, podSpecOf } from '../../lib/validation/pod-security';

export { podSpecOf };

/** Violations of PSS "restricted" in one pod spec. */
export function pssViolations(spec: any): string[] {
  return podSecurityViolations(spec, PodSecurityLevel.RESTRICTED).map(([field, message]) => `${field}: ${message}`);
}
