import { ContainerPortProps, ImagePullPolicy, ResourcesProps, SecurityProps } from './container-props';
import { EnvFrom } from './env-from';
import { AppServiceAccountProps } from './identity-props';
import { IngressProps } from './ingress-props';
import { PreStop } from './lifecycle-props';
import { MonitoringProps } from './monitoring-props';
import { NetworkPolicyProps } from './network-policy-props';
import { Probe } from './probe';
import { HttpRouteProps } from './route-props';
import { AutoscalingProps, DisruptionBudgetProps, PodSpread } from './scaling-props';
import { SchedulingProps } from './scheduling-props';
import { AppServiceProps } from './service-props';
import { AppContainerProps } from './sidecar-props';
import { VolumeMountProps, VolumeProps } from './volume-props';

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
   * Expose the app through a Gateway API HTTPRoute attached to the platform's
   * Gateways (the Gateway itself is not the app's).
   *
   * @default - no HTTPRoute
   */
  readonly route?: HttpRouteProps;
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
  /**
   * Containers that run beside the main container in every pod.
   *
   * @default - none
   */
  readonly sidecars?: AppContainerProps[];
  /**
   * Containers that run to completion, in order, before the others start.
   *
   * @default - none
   */
  readonly initContainers?: AppContainerProps[];
  /**
   * Volumes of the pods (Secrets, ConfigMaps, claims, emptyDirs, service
   * account tokens), mounted with `volumeMounts` and `sidecars[].volumeMounts`.
   *
   * @default - none
   */
  readonly volumes?: VolumeProps[];
  /**
   * Where the main container mounts `volumes`.
   *
   * @default - none
   */
  readonly volumeMounts?: VolumeMountProps[];
  /**
   * Where the pods run: node selector, tolerations, affinity, topology
   * spread, priority and runtime class.
   *
   * @default - any node, spread as `spread` says
   */
  readonly scheduling?: SchedulingProps;
  /**
   * What the main container does before it stops.
   *
   * @default - nothing
   */
  readonly preStop?: PreStop;
  /**
   * Seconds a new pod must be ready before it counts as available (on every
   * Deployment of the app; Flagger copies it to `<name>-primary`).
   *
   * @default 0
   */
  readonly minReadySeconds?: number;
  /**
   * The app's Services: type, annotations, session affinity, traffic policies.
   *
   * @default - ClusterIP Services
   */
  readonly service?: AppServiceProps;
  /**
   * A ServiceAccount of the app (or an existing one) and a namespaced Role.
   *
   * @default - the namespace's default service account (or `serviceAccountName`)
   */
  readonly serviceAccount?: AppServiceAccountProps;
  /**
   * A NetworkPolicy that denies what the app's wiring does not need.
   *
   * @default - no NetworkPolicy
   */
  readonly networkPolicy?: NetworkPolicyProps;
  /**
   * Have Prometheus scrape the app (a ServiceMonitor or PodMonitor).
   *
   * @default - no monitor
   */
  readonly monitoring?: MonitoringProps;
}

/**
 * An app that runs one version at a time.
 */
export interface AppProps extends AppCommonProps, AppVersionProps {}
