/** Props of the app's container: ports, image pull policy, resources and security. */

/**
 * An extra named container port.
 */
export interface ContainerPortProps {
  /** The port name (IANA_SVC_NAME: at most 15 characters). */
  readonly name: string;
  /** The port number. */
  readonly port: number;
  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** A port protocol. */
export enum Protocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/** When the kubelet pulls the image. */
export enum ImagePullPolicy {
  /** Pull when the image is not on the node (safe with pinned tags and digests). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Pull on every container start. */
  ALWAYS = 'Always',
  /** Never pull. */
  NEVER = 'Never',
}

/**
 * Container resource requests and limits.
 */
export interface ResourcesProps {
  /**
   * CPU request.
   *
   * @default "100m"
   */
  readonly cpuRequest?: string;
  /**
   * CPU limit.
   *
   * @default - no CPU limit (avoids throttling; set one where policy demands it)
   */
  readonly cpuLimit?: string;
  /**
   * Memory request.
   *
   * @default "128Mi"
   */
  readonly memoryRequest?: string;
  /**
   * Memory limit.
   *
   * @default "256Mi"
   */
  readonly memoryLimit?: string;
  /**
   * Ephemeral storage request.
   *
   * @default - none
   */
  readonly ephemeralStorageRequest?: string;
  /**
   * Ephemeral storage limit.
   *
   * @default - none
   */
  readonly ephemeralStorageLimit?: string;
}

/**
 * The pod and container security settings. The defaults pass the Pod Security
 * Standards "restricted" profile; each one can be turned off here.
 */
export interface SecurityProps {
  /**
   * Refuse to start containers that run as root.
   *
   * @default true
   */
  readonly runAsNonRoot?: boolean;
  /**
   * The user id the containers run as.
   *
   * @default - the image's USER
   */
  readonly runAsUser?: number;
  /**
   * The group id the containers run as.
   *
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * The group that owns mounted volumes.
   *
   * @default - none
   */
  readonly fsGroup?: number;
  /**
   * Mount the container's root filesystem read-only.
   *
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Paths that get a writable emptyDir volume (only used with a read-only root filesystem).
   *
   * @default ["/tmp"]
   */
  readonly writablePaths?: string[];
  /**
   * Allow a process to gain more privileges than its parent.
   *
   * @default false
   */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * Drop every Linux capability.
   *
   * @default true
   */
  readonly dropAllCapabilities?: boolean;
  /**
   * Add NET_BIND_SERVICE so a non-root process can bind ports below 1024 (allowed by "restricted").
   *
   * @default false
   */
  readonly allowBindLowPorts?: boolean;
  /**
   * Use the container runtime's default seccomp profile.
   *
   * @default true
   */
  readonly seccompRuntimeDefault?: boolean;
}
