/**
 * How the common app props meet Argo Rollouts: who forwards the requests
 * to a Rollout app's pods (its NetworkPolicy), how Prometheus scrapes both
 * versions exactly once with the pod label its AnalysisTemplates filter on
 * (its monitor), and the plan note about metrics nothing scrapes. Internal.
 */
import { AppCommonProps } from '../core/app-props';
import { AppShape } from '../core/app-support';
import { MonitorKind } from '../core/monitoring-props';
import { ROUTERS } from './router-table';
import { RolloutTrafficRouter } from './traffic-router';

/** The label Argo Rollouts puts on each version's pods: the pod-template hash of its ReplicaSet. */
export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';

/**
 * The shape of a Rollout app for its NetworkPolicy and monitor: requests
 * come through the router's own routing (Gateway API, Istio) or else the
 * app's Ingress or HTTPRoute; a PodMonitor scrapes the pods (the controller
 * switches the selectors of both Services, which select the same stable pods
 * between releases) and keeps their pod-template hash.
 */
export function rolloutShape(router?: RolloutTrafficRouter): AppShape {
  return {
    exposedThrough: router && ROUTERS[router.type].exposure ? `the ${router.type} router's routing` : undefined,
    serviceMonitorProblem: 'Argo Rollouts switches the selectors of the app\'s Services: between releases both select the stable pods, which a ServiceMonitor would scrape twice, and the stable Service alone misses the new pods',
    podTargetLabels: [POD_TEMPLATE_HASH_LABEL],
  };
}

/**
 * The plan note of builtin metrics that query the app's own histogram by
 * pod-template hash: which monitor keeps the hash, or that nothing scrapes
 * the app (so every measurement fails and the release aborts).
 */
export function podMetricsNote(props: AppCommonProps): string {
  const series = 'the app\'s own `http_request_duration_seconds` histogram by pod-template hash (label `rollouts_pod_template_hash`)';
  if (props.monitoring?.kind === MonitorKind.POD_ANNOTATIONS) {
    return `The metrics query ${series}: the pods' \`prometheus.io/*\` annotations ask an annotation-based scrape config to scrape both versions, which must keep the pod label \`${POD_TEMPLATE_HASH_LABEL}\` (a labelmap of the pod labels does; the app must export that histogram).`;
  }
  return props.monitoring
    ? `The metrics query ${series}: the PodMonitor \`${props.name}\` scrapes both versions' pods and keeps their label \`${POD_TEMPLATE_HASH_LABEL}\` (the app must export that histogram).`
    : `Nothing scrapes this app: the metrics query ${series}, so without \`monitoring\` (or a scrape config of your own that keeps the pod label \`${POD_TEMPLATE_HASH_LABEL}\`) every measurement finds no data and the release aborts.`;
}
