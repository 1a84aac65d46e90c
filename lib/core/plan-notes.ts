/**
 * What the common props of an app add to the notes of its rollout plan:
 * things that synthesize fine and that the cluster must still provide.
 * Internal.
 */
import { AppCommonProps } from './app-props';

/**
 * The note of an app with native sidecars: Kubernetes 1.28, the version the
 * output targets, runs them only with the SidecarContainers feature gate on.
 */
export function nativeSidecarNotes(props: AppCommonProps): string[] {
  const native = (props.sidecars ?? []).filter(s => s.native).map(s => s.name);
  if (!native.length) return [];
  return [`Native sidecar${native.length > 1 ? 's' : ''} ${native.join(', ')}: Kubernetes 1.28 runs native sidecars only with the SidecarContainers feature gate on `
    + '(alpha there, off by default; on by default from 1.29). Without it the API server drops their `restartPolicy: Always`, so each becomes an init container '
    + 'that never ends and the new pods never start: turn the gate on (API server and kubelets) or run the cluster on 1.29 or later before this rollout.'];
}
