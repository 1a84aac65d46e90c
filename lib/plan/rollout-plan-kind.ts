/** The kinds of rollout a plan describes. */
export enum RolloutPlanKind {
  /** A Deployment rolling update, in waves. */
  ROLLING_UPDATE = 'RollingUpdate',
  /** A Deployment Recreate: stop everything, then start the new pods. */
  RECREATE = 'Recreate',
  /** Two color Deployments and a Service selector switched in Git. */
  BLUE_GREEN_SWITCH = 'BlueGreenSwitch',
  /** Stable and canary Deployments behind one Service, traffic by replica ratio. */
  REPLICA_CANARY = 'ReplicaCanary',
  /** An ingress-nginx canary Ingress: weight, header or cookie, changed in Git. */
  NGINX_CANARY = 'NginxCanary',
  /** Flagger progressive weights. */
  FLAGGER_CANARY = 'FlaggerCanary',
  /** Flagger A/B testing: `match` and iterations. */
  FLAGGER_AB_TESTING = 'FlaggerABTesting',
  /** Flagger blue/green: iterations, then a switch. */
  FLAGGER_BLUE_GREEN = 'FlaggerBlueGreen',
  /** A Gateway API HTTPRoute: weighted backendRefs and A/B matches, changed in Git. */
  ROUTE_CANARY = 'RouteCanary',
  /** Argo Rollouts canary steps: weights, pauses and analysis. */
  ARGO_ROLLOUTS_CANARY = 'ArgoRolloutsCanary',
  /** Argo Rollouts blue/green: preview, analysis, then a switch of the active Service. */
  ARGO_ROLLOUTS_BLUE_GREEN = 'ArgoRolloutsBlueGreen',
}
