/**
 * The app's identity: the service account its pods run as and the checks of
 * the `serviceAccount` props (namespaced rules only). Internal.
 */
import { AppCommonProps } from './app-props';
import { Check } from './check';
import { CLUSTER_SCOPED_RESOURCES } from './cluster-scoped';
import { propError, Where } from './errors';
import { ApiVerb, RoleRuleProps } from './identity-props';
import { checkRef } from './object-ref-check';
import { VolumeSourceKind } from './volume-props';

const RESOURCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z]+)?$/;
/** Verbs RBAC cannot restrict to named objects. */
const UNNAMED_VERBS = [ApiVerb.CREATE, ApiVerb.DELETE_COLLECTION];

/** The service account the pods run as, if not the namespace's default. */
export function serviceAccountName(props: AppCommonProps): string | undefined {
  const sa = props.serviceAccount;
  if (!sa) return props.serviceAccountName;
  return sa.existing?.name ?? props.name;
}

/** Checks the `serviceAccount` props. */
export function checkIdentity(scope: Where, props: AppCommonProps, namespace: string | undefined) {
  const sa = props.serviceAccount;
  if (!sa) return;
  if (props.serviceAccountName !== undefined) {
    throw propError(scope, 'serviceAccountName', props.serviceAccountName, 'set serviceAccount or serviceAccountName, not both (an existing account goes in serviceAccount.existing)');
  }
  if (sa.existing !== undefined) {
    checkRef(scope, 'serviceAccount.existing', sa.existing, namespace);
    if (sa.annotations !== undefined) throw propError(scope, 'serviceAccount.annotations', sa.annotations, 'annotate the existing ServiceAccount where it is defined; these apply only to the one this app defines');
  }
  Check.annotations(scope, 'serviceAccount.annotations', sa.annotations);
  const rules = sa.rules ?? [];
  rules.forEach((r, i) => checkRule(scope, `serviceAccount.rules[${i}]`, r));
  if (!rules.length) return;
  if (namespace === undefined) {
    throw propError(scope, 'serviceAccount.rules', rules.length, 'a RoleBinding names its ServiceAccount with a namespace: set the app\'s namespace (or the chart\'s)');
  }
  const projected = (props.volumes ?? []).some(v => v.source?.kind === VolumeSourceKind.SERVICE_ACCOUNT_TOKEN);
  if (!props.automountServiceAccountToken && !projected) {
    throw propError(scope, 'serviceAccount.rules', rules.length, 'the pods have no token to use the Role with: set automountServiceAccountToken: true (or mount VolumeSource.serviceAccountToken)');
  }
}

function checkRule(scope: Where, prop: string, r: RoleRuleProps) {
  (r.apiGroups ?? ['']).forEach((g, i) => {
    if (g === '*') throw propError(scope, `${prop}.apiGroups[${i}]`, g, 'list the API groups: a wildcard grants every group, present and future');
    if (g !== '') Check.dns1123Subdomain(scope, `${prop}.apiGroups[${i}]`, g);
  });
  if (!r.resources?.length) throw propError(scope, `${prop}.resources`, r.resources, 'list the resources the rule grants');
  r.resources.forEach((res, i) => {
    const p = `${prop}.resources[${i}]`;
    if (res === '*') throw propError(scope, p, res, 'list the resources: a wildcard grants every resource of the namespace, Secrets included');
    if (typeof res !== 'string' || !RESOURCE.test(res)) throw propError(scope, p, res, 'resources are plural and lowercase, optionally with a subresource ("configmaps", "pods/log")');
    if (CLUSTER_SCOPED_RESOURCES.has(res.split('/')[0])) {
      throw propError(scope, p, res, 'this resource is cluster-scoped: a Role in the app\'s namespace cannot grant it, and an app brings no ClusterRole (define one with the cluster\'s platform configuration)');
    }
  });
  if (!r.verbs?.length) throw propError(scope, `${prop}.verbs`, r.verbs, 'list what the rule allows (ApiVerb.GET, ApiVerb.LIST, ...)');
  const verbs = Object.values(ApiVerb) as string[];
  r.verbs.forEach((v, i) => {
    if (!verbs.includes(v)) throw propError(scope, `${prop}.verbs[${i}]`, v, `must be one of ${verbs.join(', ')}`);
  });
  (r.resourceNames ?? []).forEach((n, i) => Check.dns1123Subdomain(scope, `${prop}.resourceNames[${i}]`, n));
  const unnamed = r.verbs.filter(v => UNNAMED_VERBS.includes(v));
  if (r.resourceNames?.length && unnamed.length) {
    throw propError(scope, `${prop}.resourceNames`, r.resourceNames, `RBAC cannot restrict ${unnamed.join(' and ')} to named objects: put ${unnamed.join(' and ')} in a rule without resourceNames`);
  }
}
