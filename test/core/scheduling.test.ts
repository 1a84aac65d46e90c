import { Testing } from 'cdk8s';
import { LabelExpression, PodSpread, RollingApp, RollingAppProps, SchedulingProps, TaintEffect, Toleration, WhenUnsatisfiable } from '../../lib';
import { expectPropError } from '../support/errors';
import { FLAGGER_STRATEGIES, shopChart } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };
const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'web' } };

function pod(props: Partial<RollingAppProps>) {
  const chart = Testing.chart();
  new RollingApp(chart, 'web', { ...base, ...props });
  return find(synthValid(chart), 'Deployment', 'web').spec.template.spec;
}

describe('every scheduling field', () => {
  const spec = pod({
    spread: PodSpread.ANTI_AFFINITY,
    scheduling: {
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [Toleration.equal('dedicated', 'web', { effect: TaintEffect.NO_SCHEDULE }), Toleration.exists('spot', { effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 60 })],
      nodeAffinity: [
        { expressions: [LabelExpression.in('topology.kubernetes.io/zone', ['eu-west-1a', 'eu-west-1b']), LabelExpression.greaterThan('cpu-generation', 3)] },
        { expressions: [LabelExpression.doesNotExist('spot')], weight: 50 },
      ],
      podAffinity: [{ topologyKey: 'topology.kubernetes.io/zone', labels: { app: 'cache' }, weight: 20 }],
      podAntiAffinity: [{ topologyKey: 'topology.kubernetes.io/zone', expressions: [LabelExpression.notIn('tier', ['batch'])], namespaces: ['batch'] }],
      topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: WhenUnsatisfiable.DO_NOT_SCHEDULE, minDomains: 2 }],
      priorityClassName: 'business-critical',
      runtimeClassName: 'gvisor',
    },
  });

  test('node selector, tolerations, priority and runtime class', () => {
    expect(spec).toMatchObject({
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { key: 'spot', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      priorityClassName: 'business-critical',
      runtimeClassName: 'gvisor',
    });
  });

  test('required and preferred node affinity', () => {
    expect(spec.affinity.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a', 'eu-west-1b'] },
        { key: 'cpu-generation', operator: 'Gt', values: ['3'] },
      ] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'spot', operator: 'DoesNotExist' }] } }],
    });
  });

  test('pod affinity, and anti-affinity added to the preset\'s', () => {
    expect(spec.affinity.podAffinity).toEqual({ preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'cache' } } } }] });
    expect(spec.affinity.podAntiAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['batch'] }] }, namespaces: ['batch'] }],
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: SELECTOR } }],
    });
  });

  test('a custom topology spread on the version\'s pods', () => {
    expect(spec.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 2, labelSelector: SELECTOR }]);
  });
});

test('a custom topology spread replaces the default hostname spread, unless spread is set too', () => {
  const zone = { topologyKey: 'topology.kubernetes.io/zone' };
  expect(pod({ scheduling: { topologySpread: [zone] } }).topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['topology.kubernetes.io/zone']);
  expect(pod({ spread: PodSpread.HOSTNAME, scheduling: { topologySpread: [zone] } }).topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
});

test('a component of the cluster in kube-system may take a system priority class', () => {
  const chart = Testing.chart();
  new RollingApp(chart, 'web', { ...base, namespace: 'kube-system', scheduling: { priorityClassName: 'system-cluster-critical' } });
  expect(find(synthValid(chart), 'Deployment', 'web').spec.template.spec.priorityClassName).toBe('system-cluster-critical');
});

test.each(FLAGGER_STRATEGIES)('%s: the scheduling reaches the target Deployment (Flagger copies it to the primary)', (_strategy, make) => {
  const chart = shopChart();
  make(chart, { scheduling: { priorityClassName: 'business-critical', tolerations: [Toleration.exists('dedicated')] } });
  expect(find(synthValid(chart), 'Deployment', 'web').spec.template.spec).toMatchObject({ priorityClassName: 'business-critical', tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
});

describe('validation', () => {
  const make = (scheduling: SchedulingProps, extra: Partial<RollingAppProps> = {}) => () => new RollingApp(Testing.chart(), 'web', { ...base, ...extra, scheduling });
  const hostname = 'kubernetes.io/hostname';
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['node selector labels are labels', make({ nodeSelector: { pool: 'web pool' } }), 'scheduling.nodeSelector.pool', 'web pool', 'label values'],
    ['tolerations are Tolerations', make({ tolerations: [{ key: 'a' } as unknown as Toleration] }), 'scheduling.tolerations[0]', { key: 'a' }, 'must be a Toleration'],
    ['toleration keys are label keys', make({ tolerations: [Toleration.exists('a b')] }), 'scheduling.tolerations[0].key', 'a b', 'label keys are'],
    ['toleration values are label values', make({ tolerations: [Toleration.equal('a', 'b c')] }), 'scheduling.tolerations[0].value', 'b c', 'label values'],
    ['toleration seconds are not negative', make({ tolerations: [Toleration.exists('a', { effect: TaintEffect.NO_EXECUTE, tolerationSeconds: -1 })] }), 'scheduling.tolerations[0].tolerationSeconds', -1, 'must be an integer >= 0'],
    ['toleration seconds need NoExecute', make({ tolerations: [Toleration.exists('a', { tolerationSeconds: 60 })] }), 'scheduling.tolerations[0].tolerationSeconds', 60, 'applies only to the NoExecute effect'],
    ['node affinity has conditions', make({ nodeAffinity: [{ expressions: [] }] }), 'scheduling.nodeAffinity[0].expressions', [], 'give at least one condition on node labels'],
    ['expressions are LabelExpressions', make({ nodeAffinity: [{ expressions: [{ key: 'a' } as unknown as LabelExpression] }] }), 'scheduling.nodeAffinity[0].expressions[0]', { key: 'a' }, 'must be a LabelExpression'],
    ['expression keys are label keys', make({ nodeAffinity: [{ expressions: [LabelExpression.exists('')] }] }), 'scheduling.nodeAffinity[0].expressions[0].key', '', 'label keys are'],
    ['In needs values', make({ nodeAffinity: [{ expressions: [LabelExpression.in('a', [])] }] }), 'scheduling.nodeAffinity[0].expressions[0].values', [], 'In needs at least one value'],
    ['values are label values', make({ nodeAffinity: [{ expressions: [LabelExpression.in('a', ['b c'])] }] }), 'scheduling.nodeAffinity[0].expressions[0].values[0]', 'b c', 'label values'],
    ['Gt and Lt compare integers', make({ nodeAffinity: [{ expressions: [LabelExpression.lessThan('a', 1.5)] }] }), 'scheduling.nodeAffinity[0].expressions[0].values', ['1.5'], 'Gt and Lt compare with an integer'],
    ['Gt and Lt compare node labels only', make({ podAffinity: [{ topologyKey: hostname, expressions: [LabelExpression.greaterThan('a', 1)] }] }), 'scheduling.podAffinity[0].expressions[0].operator', 'Gt', 'Gt and Lt compare node labels only'],
    ['weights are 1 to 100', make({ nodeAffinity: [{ expressions: [LabelExpression.exists('a')], weight: 0 }] }), 'scheduling.nodeAffinity[0].weight', 0, 'must be an integer from 1 to 100'],
    ['pod affinity selects pods', make({ podAntiAffinity: [{ topologyKey: hostname }] }), 'scheduling.podAntiAffinity[0].labels', undefined, 'select the other pods with labels or expressions'],
    ['pod affinity has a topology key', make({ podAffinity: [{ topologyKey: '', labels: { app: 'cache' } }] }), 'scheduling.podAffinity[0].topologyKey', '', 'label keys are'],
    ['pod affinity namespaces are DNS labels', make({ podAffinity: [{ topologyKey: hostname, labels: { app: 'cache' }, namespaces: ['Cache'] }] }), 'scheduling.podAffinity[0].namespaces[0]', 'Cache', 'DNS-1123 label'],
    ['maxSkew is at least 1', make({ topologySpread: [{ topologyKey: hostname, maxSkew: 0 }] }), 'scheduling.topologySpread[0].maxSkew', 0, 'must be an integer >= 1'],
    ['minDomains is at least 1', make({ topologySpread: [{ topologyKey: hostname, minDomains: 0, whenUnsatisfiable: WhenUnsatisfiable.DO_NOT_SCHEDULE }] }), 'scheduling.topologySpread[0].minDomains', 0, 'must be an integer >= 1'],
    ['minDomains needs DoNotSchedule', make({ topologySpread: [{ topologyKey: hostname, minDomains: 2 }] }), 'scheduling.topologySpread[0].minDomains', 2, 'applies only with whenUnsatisfiable: WhenUnsatisfiable.DO_NOT_SCHEDULE'],
    ['a spread key is used once per policy', make({ topologySpread: [{ topologyKey: hostname }] }, { spread: PodSpread.HOSTNAME }), 'scheduling.topologySpread[0].topologyKey', hostname, 'another constraint (or the spread preset "hostname") already spreads on this key with ScheduleAnyway'],
    ['priority classes are object names', make({ priorityClassName: 'High' }), 'scheduling.priorityClassName', 'High', 'DNS-1123 subdomain'],
    ['the system priority classes stay in kube-system', make({ priorityClassName: 'system-node-critical' }), 'scheduling.priorityClassName', 'system-node-critical', 'the system-* priority classes are for the cluster\'s components in kube-system: clusters that limit them (GKE by default) refuse the pods in "default"'],
    ['runtime classes are object names', make({ runtimeClassName: 'g_visor' }), 'scheduling.runtimeClassName', 'g_visor', 'DNS-1123 subdomain'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });
});
