/** A Pod Security Standards level, as enforced by a namespace's `pod-security.kubernetes.io/enforce` label. */
export enum PodSecurityLevel {
  /** No restrictions. */
  PRIVILEGED = 'privileged',
  /** Prevents known privilege escalations (no host namespaces, privileged containers, host paths, ...). */
  BASELINE = 'baseline',
  /** Baseline plus hardening: non-root, no privilege escalation, all capabilities dropped, seccomp, safe volume types. */
  RESTRICTED = 'restricted',
}
