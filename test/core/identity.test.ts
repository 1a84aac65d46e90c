import { ApiObject, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiVerb, RoleRuleProps, RollingApp, RollingAppProps, ServiceAccountRef, VolumeSource } from '../../lib';
import { expectPropError } from '../support/errors';
import { FLAGGER_STRATEGIES, NAMESPACE, shopChart } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };
const leases: RoleRuleProps = { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['web-leader'] };

describe('a ServiceAccount of the app with a Role', () => {
  const chart = shopChart();
  const app = new RollingApp(chart, 'web', {
    ...base,
    automountServiceAccountToken: true,
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/web' }, rules: [leases, { resources: ['configmaps'], verbs: [ApiVerb.LIST, ApiVerb.WATCH] }] },
  });
  const objects = synthValid(chart);

  test('the pods run as the annotated ServiceAccount <name>, with its token', () => {
    expect(find(objects, 'ServiceAccount', 'web')).toMatchObject({ metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/web' } }, automountServiceAccountToken: true });
    expect(find(objects, 'Deployment', 'web').spec.template.spec).toMatchObject({ serviceAccountName: 'web', automountServiceAccountToken: true });
    expect(app.serviceAccount?.name).toBe('web');
  });

  test('a namespaced Role holds the rules (the core group by default) and a RoleBinding grants it to the account', () => {
    expect(find(objects, 'Role', 'web').rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: ['web-leader'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['list', 'watch'] },
    ]);
    expect(find(objects, 'RoleBinding', 'web')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'web' },
      subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: NAMESPACE }],
    });
    expect(objects.filter(o => o.kind.startsWith('Cluster'))).toEqual([]);
  });
});

test('an existing ServiceAccount (here a cdk8s-plus one) is used, not defined, and gets the RoleBinding', () => {
  const chart = shopChart();
  const robot = new kplus.ServiceAccount(chart, 'robot', { metadata: { name: 'robot' } });
  const app = new RollingApp(chart, 'web', { ...base, volumes: [{ name: 'token', source: VolumeSource.serviceAccountToken({ audience: 'https://kubernetes.default.svc' }) }], volumeMounts: [{ volume: 'token', path: '/var/run/secrets/api' }],
    serviceAccount: { existing: ServiceAccountRef.fromServiceAccount(robot), rules: [leases] } });
  const objects = synthValid(chart);
  expect(app.serviceAccount).toBeUndefined();
  expect(find(objects, 'Deployment', 'web').spec.template.spec.serviceAccountName).toBe('robot');
  expect(find(objects, 'RoleBinding', 'web').subjects).toEqual([{ kind: 'ServiceAccount', name: 'robot', namespace: NAMESPACE }]);
});

test.each(FLAGGER_STRATEGIES)('%s: the target runs as the account, so its -primary copy does too', (_strategy, make) => {
  const chart = shopChart();
  make(chart, { serviceAccount: {} });
  const objects = synthValid(chart);
  expect(find(objects, 'Deployment', 'web').spec.template.spec.serviceAccountName).toBe('web');
  expect(find(objects, 'ServiceAccount', 'web').automountServiceAccountToken).toBe(false);
});

describe('validation', () => {
  const make = (props: Partial<RollingAppProps>, chart = shopChart()) => () => new RollingApp(chart, 'web', { ...base, automountServiceAccountToken: true, ...props });
  const rule = (r: Partial<RoleRuleProps>) => make({ serviceAccount: { rules: [{ ...leases, resourceNames: undefined, ...r }] } });
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['one way to name the account', make({ serviceAccountName: 'robot', serviceAccount: {} }), 'serviceAccountName', 'robot', 'set serviceAccount or serviceAccountName, not both'],
    ['an existing account is annotated where it is defined', make({ serviceAccount: { existing: ServiceAccountRef.fromName('robot'), annotations: { a: 'b' } } }), 'serviceAccount.annotations', { a: 'b' }, 'annotate the existing ServiceAccount where it is defined'],
    ['an existing account is in the app\'s namespace', make({ serviceAccount: { existing: ServiceAccountRef.fromApiObject(new ApiObject(shopChart(), 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'ops' } })) } }),
      'serviceAccount.existing.namespace', 'ops', `the ServiceAccount must be in the app's namespace "${NAMESPACE}"`],
    ['annotation keys are valid', make({ serviceAccount: { annotations: { 'a b': 'c' } } }), 'serviceAccount.annotations.a b', 'a b', 'annotation keys are'],
    ['no wildcard API group', rule({ apiGroups: ['*'] }), 'serviceAccount.rules[0].apiGroups[0]', '*', 'list the API groups: a wildcard grants every group'],
    ['API groups are DNS subdomains', rule({ apiGroups: ['Apps'] }), 'serviceAccount.rules[0].apiGroups[0]', 'Apps', 'DNS-1123 subdomain'],
    ['a rule names resources', rule({ resources: [] }), 'serviceAccount.rules[0].resources', [], 'list the resources the rule grants'],
    ['no wildcard resource', rule({ resources: ['*'] }), 'serviceAccount.rules[0].resources[0]', '*', 'a wildcard grants every resource of the namespace, Secrets included'],
    ['resources are plural and lowercase', rule({ resources: ['Lease'] }), 'serviceAccount.rules[0].resources[0]', 'Lease', 'resources are plural and lowercase'],
    ['cluster-scoped resources are refused', rule({ apiGroups: [''], resources: ['nodes'] }), 'serviceAccount.rules[0].resources[0]', 'nodes', 'this resource is cluster-scoped: a Role in the app\'s namespace cannot grant it, and an app brings no ClusterRole'],
    ['cluster-scoped custom resources are refused too', rule({ apiGroups: ['argoproj.io'], resources: ['clusteranalysistemplates'] }), 'serviceAccount.rules[0].resources[0]', 'clusteranalysistemplates', 'this resource is cluster-scoped'],
    ['a rule names verbs', rule({ verbs: [] }), 'serviceAccount.rules[0].verbs', [], 'list what the rule allows'],
    ['verbs are API verbs', rule({ verbs: ['escalate' as ApiVerb] }), 'serviceAccount.rules[0].verbs[0]', 'escalate', 'must be one of get, list, watch'],
    ['resource names are object names', rule({ resourceNames: ['Leader'] }), 'serviceAccount.rules[0].resourceNames[0]', 'Leader', 'DNS-1123 subdomain'],
    ['create cannot be restricted by name', rule({ verbs: [ApiVerb.CREATE, ApiVerb.GET], resourceNames: ['web-leader'] }), 'serviceAccount.rules[0].resourceNames', ['web-leader'], 'RBAC cannot restrict create to named objects'],
    ['a RoleBinding needs a namespace', make({ serviceAccount: { rules: [leases] } }, Testing.chart()), 'serviceAccount.rules', 1, 'a RoleBinding names its ServiceAccount with a namespace'],
    ['a Role needs a token to be used', make({ automountServiceAccountToken: false, serviceAccount: { rules: [leases] } }), 'serviceAccount.rules', 1, 'the pods have no token to use the Role with'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });
});
