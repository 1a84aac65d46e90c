import { CountOrPercent } from './count-or-percent';
import { EnvFrom } from './env-from';
import { Probe } from './probe';

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

/** How the pods of one version are spread across nodes. */
export enum PodSpread {
  /** A topology spread constraint on `kubernetes.io/hostname` (maxSkew 1, ScheduleAnyway). */
  HOSTNAME = 'hostname',
  /** Topology spread on `topology.kubernetes.io/zone` and on `kubernetes.io/hostname` (both ScheduleAnyway). */
  ZONE_AND_HOSTNAME = 'zone-and-hostname',
  /** Preferred pod anti-affinity on `kubernetes.io/hostname`. */
  ANTI_AFFINITY = 'anti-affinity',
  /** No spreading rule. */
  NONE = 'none',
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

/**
 * A PodDisruptionBudget for the app's pods.
 */
export interface DisruptionBudgetProps {
  /**
   * Emit the budget.
   *
   * @default - true when the app runs 2 or more replicas (or autoscales from 2 or more)
   */
  readonly enabled?: boolean;
  /**
   * Pods that may be unavailable during a voluntary disruption (exclusive with `minAvailable`).
   *
   * @default CountOrPercent.count(1)
   */
  readonly maxUnavailable?: CountOrPercent;
  /**
   * Pods that must stay available (exclusive with `maxUnavailable`).
   *
   * @default - maxUnavailable is used
   */
  readonly minAvailable?: CountOrPercent;
}

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) for the app.
 */
export interface AutoscalingProps {
  /**
   * Lowest replica count.
   *
   * @default 2
   */
  readonly minReplicas?: number;
  /** Highest replica count. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization, percent of the request.
   *
   * @default 80 (when no memory target is set either)
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilization, percent of the request.
   *
   * @default - no memory target
   */
  readonly memoryUtilization?: number;
}

/** How an Ingress path matches. */
export enum PathType {
  /** Path prefix split on '/'. */
  PREFIX = 'Prefix',
  /** The exact path. */
  EXACT = 'Exact',
  /** Up to the IngressClass. */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * An Ingress in front of the app's Service.
 */
export interface IngressProps {
  /**
   * Host names the Ingress serves.
   *
   * @default - every host
   */
  readonly hosts?: string[];
  /**
   * The path routed to the app.
   *
   * @default "/"
   */
  readonly path?: string;
  /**
   * How the path matches.
   *
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /**
   * The IngressClass.
   *
   * @default - the cluster's default class
   */
  readonly className?: string;
  /**
   * A TLS Secret for the hosts.
   *
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
  /**
   * Annotations on the Ingress.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/**
 * What changes from one version of an app to the next: the image, its
 * configuration and its size.
 */
export interface AppVersionProps {
  /** The container image, pinned by tag (not `latest`) or digest. */
  readonly image: string;
  /**
   * Desired replicas (ignored when the app autoscales).
   *
   * @default 2
   */
  readonly replicas?: number;
  /**
   * The container entrypoint.
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
   * Plain environment variables.
   *
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Configuration files (file name to content), stored in a ConfigMap of the
   * app and mounted read-only at `configMountPath`. A change to any file
   * changes a checksum annotation on the pod template, so the pods roll.
   *
   * @default - no ConfigMap
   */
  readonly configFiles?: Record<string, string>;
}

/**
 * What every app has, whatever its strategy.
 */
export interface AppCommonProps {
  /**
   * The app name: names its objects and is the value of the selector label
   * `app.kubernetes.io/name`. A DNS-1035 label of at most 55 characters, so
   * that `<name>-primary` still fits.
   */
  readonly name: string;
  /**
   * The namespace of every object.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * The main container port, named `portName`; the Service and the probes use it.
   *
   * @default 8080
   */
  readonly port?: number;
  /**
   * The main port's name.
   *
   * @default "http"
   */
  readonly portName?: string;
  /**
   * More container ports.
   *
   * @default - none
   */
  readonly extraPorts?: ContainerPortProps[];
  /**
   * The port clients use on the Service.
   *
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Environment variables from existing ConfigMaps and Secrets.
   *
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Where `configFiles` are mounted.
   *
   * @default "/etc/<name>"
   */
  readonly configMountPath?: string;
  /**
   * Resource requests and limits.
   *
   * @default - 100m CPU and 128Mi memory requested, 256Mi memory limit
   */
  readonly resources?: ResourcesProps;
  /**
   * The readiness probe (always present: Services and Flagger depend on it).
   *
   * @default Probe.tcp() on the main port
   */
  readonly readiness?: Probe;
  /**
   * The liveness probe.
   *
   * @default - none (a wrong liveness probe restarts healthy pods)
   */
  readonly liveness?: Probe;
  /**
   * The startup probe.
   *
   * @default - none
   */
  readonly startup?: Probe;
  /**
   * Image pull policy.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Secrets used to pull the image.
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * The service account the pods run as.
   *
   * @default - the namespace's default service account
   */
  readonly serviceAccountName?: string;
  /**
   * Mount the service account token into the pods.
   *
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Pod and container security settings.
   *
   * @default - Pod Security Standards "restricted", read-only root filesystem, writable /tmp
   */
  readonly security?: SecurityProps;
  /**
   * The PodDisruptionBudget.
   *
   * @default - maxUnavailable 1 when 2 or more replicas run
   */
  readonly disruptionBudget?: DisruptionBudgetProps;
  /**
   * How pods are spread across nodes.
   *
   * @default PodSpread.HOSTNAME
   */
  readonly spread?: PodSpread;
  /**
   * Scale the pods with a HorizontalPodAutoscaler; `replicas` is then left out of the Deployment.
   *
   * @default - fixed replicas
   */
  readonly autoscaling?: AutoscalingProps;
  /**
   * Expose the app through an Ingress.
   *
   * @default - no Ingress
   */
  readonly ingress?: IngressProps;
  /**
   * Seconds a pod gets to shut down.
   *
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * The `app.kubernetes.io/part-of` label.
   *
   * @default - none
   */
  readonly partOf?: string;
  /**
   * Extra labels on every object and pod (never in selectors).
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Extra annotations on every object.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Extra annotations on the pod template (for example for a metrics scraper).
   *
   * @default - none
   */
  readonly podAnnotations?: Record<string, string>;
}

/**
 * An app that runs one version at a time.
 */
export interface AppProps extends AppCommonProps, AppVersionProps {}
