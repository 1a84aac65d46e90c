/**
 * The kinds that live outside namespaces, with their API resource names:
 * every cluster-scoped kind of Kubernetes 1.28 (alpha APIs included), the
 * cluster-scoped custom resources this library emits, and those of the
 * Gateway API and cert-manager that apps refer to. Internal.
 */

/** Cluster-scoped kind to its resource (the plural RBAC rules name). */
export const CLUSTER_SCOPED_KINDS: Readonly<Record<string, string>> = {
  // core
  ComponentStatus: 'componentstatuses',
  Namespace: 'namespaces',
  Node: 'nodes',
  PersistentVolume: 'persistentvolumes',
  // admissionregistration.k8s.io
  MutatingWebhookConfiguration: 'mutatingwebhookconfigurations',
  ValidatingWebhookConfiguration: 'validatingwebhookconfigurations',
  ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
  ValidatingAdmissionPolicyBinding: 'validatingadmissionpolicybindings',
  // apiextensions.k8s.io, apiregistration.k8s.io, internal.apiserver.k8s.io
  CustomResourceDefinition: 'customresourcedefinitions',
  APIService: 'apiservices',
  StorageVersion: 'storageversions',
  // authentication.k8s.io, authorization.k8s.io (LocalSubjectAccessReview is namespaced)
  TokenReview: 'tokenreviews',
  SelfSubjectReview: 'selfsubjectreviews',
  SubjectAccessReview: 'subjectaccessreviews',
  SelfSubjectAccessReview: 'selfsubjectaccessreviews',
  SelfSubjectRulesReview: 'selfsubjectrulesreviews',
  // certificates.k8s.io
  CertificateSigningRequest: 'certificatesigningrequests',
  ClusterTrustBundle: 'clustertrustbundles',
  // flowcontrol.apiserver.k8s.io
  FlowSchema: 'flowschemas',
  PriorityLevelConfiguration: 'prioritylevelconfigurations',
  // networking.k8s.io, node.k8s.io
  IngressClass: 'ingressclasses',
  IPAddress: 'ipaddresses',
  ClusterCIDR: 'clustercidrs',
  RuntimeClass: 'runtimeclasses',
  // rbac.authorization.k8s.io, scheduling.k8s.io
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  PriorityClass: 'priorityclasses',
  // storage.k8s.io, resource.k8s.io
  CSIDriver: 'csidrivers',
  CSINode: 'csinodes',
  StorageClass: 'storageclasses',
  VolumeAttachment: 'volumeattachments',
  ResourceClass: 'resourceclasses',
  // custom resources: Argo Rollouts (emitted), Gateway API, cert-manager
  ClusterAnalysisTemplate: 'clusteranalysistemplates',
  GatewayClass: 'gatewayclasses',
  ClusterIssuer: 'clusterissuers',
};

/** The API resources (plural, lowercase) that are not namespaced. */
export const CLUSTER_SCOPED_RESOURCES: ReadonlySet<string> = new Set(Object.values(CLUSTER_SCOPED_KINDS));

/** Whether objects of `kind` live in a namespace (unknown kinds are taken to). */
export function isNamespacedKind(kind: string): boolean {
  return !Object.prototype.hasOwnProperty.call(CLUSTER_SCOPED_KINDS, kind);
}
