/** Props of the containers that run beside the app's main container: sidecars and init containers. */
import { ContainerPortProps, ImagePullPolicy, ResourcesProps, SecurityProps } from './container-props';
import { EnvFrom } from './env-from';
import { PreStop } from './lifecycle-props';
import { Probe } from './probe';
import { VolumeMountProps } from './volume-props';

/**
 * A sidecar or init container of the app's pods. It gets the same secure
 * defaults as the main container (non-root, no privilege escalation, every
 * capability dropped, read-only root filesystem with a writable /tmp) and the
 * same opt-outs in `security`.
 */
export interface AppContainerProps {
  /** The container name (a DNS-1123 label of at most 50 characters), unique in the pod. */
  readonly name: string;
  /** The image, pinned by tag (not `latest`) or digest. */
  readonly image: string;
  /**
   * The entrypoint.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Its ports; a sidecar's ports are also on the app's Services (as Flagger's
   * port discovery puts them on the Services it generates).
   *
   * @default - none
   */
  readonly ports?: ContainerPortProps[];
  /**
   * Plain environment variables.
   *
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Environment variables from existing ConfigMaps and Secrets.
   *
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Resource requests and limits (counted in the rollout plan's per-pod requests).
   *
   * @default - 100m CPU and 128Mi memory requested, 256Mi memory limit
   */
  readonly resources?: ResourcesProps;
  /**
   * The readiness probe (sidecars only; on its first port unless the probe names one).
   *
   * @default - none
   */
  readonly readiness?: Probe;
  /**
   * The liveness probe (sidecars only).
   *
   * @default - none
   */
  readonly liveness?: Probe;
  /**
   * The startup probe (sidecars only).
   *
   * @default - none
   */
  readonly startup?: Probe;
  /**
   * Where it mounts the app's `volumes`.
   *
   * @default - none
   */
  readonly volumeMounts?: VolumeMountProps[];
  /**
   * Security opt-outs, as for the main container; unset fields keep the secure
   * default (user and group ids unset here inherit the pod's). `fsGroup` and
   * `seccompRuntimeDefault` apply to the whole pod: set them on the app.
   *
   * @default - the secure defaults
   */
  readonly security?: SecurityProps;
  /**
   * Image pull policy.
   *
   * @default - the app's imagePullPolicy
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * What the sidecar does before it stops (sidecars only).
   *
   * @default - nothing
   */
  readonly preStop?: PreStop;
  /**
   * Run it as a native sidecar (sidecars only): an init container with
   * `restartPolicy: Always`, started before the main container and the init
   * containers and stopped after the main container. Kubernetes 1.28 has it
   * behind the SidecarContainers feature gate (alpha, off by default); from
   * 1.29 it is on by default. On a 1.28 cluster without the gate the API
   * server drops the restart policy and the pods never start, so setting it
   * is the opt-in and the app's rollout plan carries a note saying the
   * cluster needs the gate. Its ports are not put on the Services (Flagger's
   * port discovery reads regular containers only).
   *
   * @default false
   */
  readonly native?: boolean;
}
