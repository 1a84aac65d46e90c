/** Props of the app's Services: type, annotations, session affinity and traffic policies. */

/** How a Service is exposed. */
export enum ServiceType {
  /** A virtual IP inside the cluster. */
  CLUSTER_IP = 'ClusterIP',
  /** A ClusterIP plus a port on every node. */
  NODE_PORT = 'NodePort',
  /** A NodePort plus a load balancer of the cloud provider. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** Whether a Service pins clients to one pod. */
export enum SessionAffinity {
  /** Each connection may go to any pod. */
  NONE = 'None',
  /** Connections from one client IP go to the same pod. */
  CLIENT_IP = 'ClientIP',
}

/** Which endpoints a Service routes to. */
export enum TrafficPolicy {
  /** Every ready endpoint of the cluster. */
  CLUSTER = 'Cluster',
  /** Only endpoints on the node the traffic arrives at. */
  LOCAL = 'Local',
}

/**
 * The app's Services. The main Service `<name>` takes every field; the
 * others a strategy defines (`<name>-preview`, `<name>-canary`) stay
 * ClusterIP, without the annotations and the external traffic policy.
 * Under Flagger, which generates the Services, `headless` and `annotations`
 * are passed on (to the apex Service) and the other fields are refused.
 * `trafficDistribution` needs Kubernetes 1.30 and is not offered.
 */
export interface AppServiceProps {
  /**
   * How the main Service is exposed. With `networkPolicy`, a NodePort or
   * LoadBalancer Service needs an ingress rule with the addresses its
   * requests come from (`networkPolicy.ingress` with an ipBlock peer).
   *
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType;
  /**
   * A headless Service (`clusterIP: None`): DNS returns the pod IPs and there is no virtual IP.
   *
   * @default false
   */
  readonly headless?: boolean;
  /**
   * Annotations of the main Service (e.g. for a cloud load balancer).
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Session affinity.
   *
   * @default SessionAffinity.NONE
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * Seconds a ClientIP affinity lasts (1 to 86400).
   *
   * @default 10800
   */
  readonly sessionAffinityTimeoutSeconds?: number;
  /**
   * Which endpoints traffic from inside the cluster goes to.
   *
   * @default TrafficPolicy.CLUSTER
   */
  readonly internalTrafficPolicy?: TrafficPolicy;
  /**
   * Which endpoints external traffic goes to (NodePort and LoadBalancer
   * only); LOCAL keeps the client's source IP.
   *
   * @default TrafficPolicy.CLUSTER
   */
  readonly externalTrafficPolicy?: TrafficPolicy;
}
