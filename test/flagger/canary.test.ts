import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AnalysisMode, Canary, CanaryProps, CanaryProvider, CanaryTargetKind, Metric, MetricProviderType, MetricTemplate } from '../../lib';
import { schemaErrors } from '../support/schema';
import { synthValid } from '../support/validate';
import { expectPropError } from '../support/errors';


describe('Canary custom resource', () => {
  const props: CanaryProps = {
    name: 'worker',
    targetName: 'worker',
    service: { port: 9090 },
    analysis: { interval: '30s', threshold: 3, iterations: 4 },
  };
  const make = (extra: Partial<CanaryProps> = {}) => {
    const chart = Testing.chart();
    const canary = new Canary(chart, 'canary', { ...props, ...extra });
    return { chart, canary };
  };

  test('standalone: defaults to the controller provider, Deployment target, revertOnDeletion', () => {
    const { chart, canary } = make();
    const objects = synthValid(chart);
    expect(objects).toEqual([{
      apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name: 'worker' },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' },
        service: { port: 9090, portName: 'http' },
        analysis: { interval: '30s', threshold: 3, iterations: 4 },
        progressDeadlineSeconds: 600,
        revertOnDeletion: true,
      },
    }]);
    expect([canary.analysisMode, canary.intervalSeconds, canary.threshold, canary.iterations, canary.providerType]).toEqual([AnalysisMode.BLUE_GREEN, 30, 3, 4, undefined]);
    expect(objects).toMatchSnapshot();
  });

  test('a DaemonSet target with a named service, numeric target port, appProtocol and labels', () => {
    const { chart } = make({
      targetKind: CanaryTargetKind.DAEMON_SET, namespace: 'agents', labels: { team: 'infra' }, annotations: { 'example.com/owner': 'infra' },
      service: { name: 'agent', port: 80, targetPort: k8s.IntOrString.fromNumber(8080), portName: 'grpc', appProtocol: 'grpc' },
    });
    const [canary] = synthValid(chart);
    expect(canary.metadata).toEqual({ name: 'worker', namespace: 'agents', labels: { team: 'infra' }, annotations: { 'example.com/owner': 'infra' } });
    expect(canary.spec.targetRef.kind).toBe('DaemonSet');
    expect(canary.spec.service).toEqual({ name: 'agent', port: 80, targetPort: 8080, portName: 'grpc', appProtocol: 'grpc' });
  });

  test('the CRD oneOf on analysis rejects two modes at once (our mode rule matches the schema)', () => {
    const { chart } = make();
    const obj = Testing.synth(chart)[0];
    obj.spec.analysis.stepWeight = 10;
    expect(schemaErrors(obj).join('\n')).toContain('oneOf');
  });

  test.each<[string, Partial<CanaryProps>, string, unknown, string]>([
    ['name is a DNS subdomain', { name: 'Worker' }, 'name', 'Worker', 'DNS-1123 subdomain'],
    ['namespace is a DNS label', { namespace: 'Agents' }, 'namespace', 'Agents', 'DNS-1123 label'],
    ['targetName is a DNS subdomain', { targetName: 'Worker' }, 'targetName', 'Worker', 'DNS-1123 subdomain'],
    ['the apex Service name fits the -primary budget', { service: { name: `s${'x'.repeat(55)}`, port: 80 } }, 'service.name', `s${'x'.repeat(55)}`, 'at most 55 characters'],
    ['service.port is a port', { service: { port: 0 } }, 'service.port', 0, 'an integer from 1 to 65535'],
    ['service.targetPort is a port number or name', { service: { port: 80, targetPort: k8s.IntOrString.fromString('Web_Port') } }, 'service.targetPort', 'Web_Port', 'port names'],
    ['service.portName is a port name', { service: { port: 80, portName: 'HTTP' } }, 'service.portName', 'HTTP', 'port names'],
    ['autoscalerName is a DNS subdomain', { autoscalerName: 'Worker' }, 'autoscalerName', 'Worker', 'DNS-1123 subdomain'],
    ['primaryScalerReplicas needs an autoscaler', { primaryScalerReplicas: { minReplicas: 2 } }, 'primaryScalerReplicas', { minReplicas: 2 }, 'applies only with an autoscaler (autoscalerName)'],
    ['ingressName only with nginx', { ingressName: 'worker', provider: CanaryProvider.istio() }, 'ingressName', 'worker', 'only the nginx provider uses an Ingress reference, not istio'],
    ['ingressName is a DNS subdomain', { ingressName: 'Worker', provider: CanaryProvider.nginx() }, 'ingressName', 'Worker', 'DNS-1123 subdomain'],
    ['nginx needs an ingressName', { provider: CanaryProvider.nginx() }, 'ingressName', undefined, 'the nginx provider needs the app\'s Ingress'],
    ['gatewayapi needs gatewayRefs', { provider: CanaryProvider.gatewayApi({ gatewayRefs: [] }) }, 'provider.gatewayRefs', [], 'needs at least one Gateway'],
    ['hosts are DNS names', { provider: CanaryProvider.istio({ hosts: ['Web.example.com'] }) }, 'provider.hosts[0]', 'Web.example.com', 'hosts are DNS names'],
    ['istio gateways are <namespace>/<name>', { provider: CanaryProvider.istio({ gateways: ['istio-system/public/x'] }) }, 'provider.gateways[0]', 'istio-system/public/x', 'Istio gateways'],
    ['retries.attempts >= 1', { provider: CanaryProvider.istio({ retries: { attempts: 0 } }) }, 'provider.retries.attempts', 0, 'an integer >= 1'],
    ['retries.perTryTimeout is a duration', { provider: CanaryProvider.contour({ retries: { attempts: 2, perTryTimeout: '5 s' } }) }, 'provider.retries.perTryTimeout', '5 s', 'must be a duration'],
    ['the route timeout is a duration', { provider: CanaryProvider.istio({ timeout: 'soon' }) }, 'provider.timeout', 'soon', 'must be a duration'],
    ['Gateway API timeouts are whole h/m/s/ms', { provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public' }], timeout: '1.5s' }) }, 'provider.timeout', '1.5s', 'Gateway API durations are up to 4 whole numbers'],
    ['the kubernetes provider is blue/green only', { provider: CanaryProvider.kubernetes(), analysis: { stepWeight: 10 } }, 'analysis.stepWeight', 10, 'the kubernetes provider cannot shift traffic'],
  ])('%s', (_rule, extra, prop, value, rule) => {
    expectPropError(() => make(extra), prop, value, rule);
  });

  test('gatewayRefs are valid references: name, namespace, section and port', () => {
    const gw = (ref: any) => () => make({ provider: CanaryProvider.gatewayApi({ gatewayRefs: [ref] }) });
    expectPropError(gw({ name: 'public', namespace: 'Gateways' }), 'provider.gatewayRefs[0].namespace', 'Gateways', 'DNS-1123 label');
    expectPropError(gw({ name: 'Public' }), 'provider.gatewayRefs[0].name', 'Public', 'DNS-1123 subdomain');
    expectPropError(gw({ name: 'public', sectionName: 'HTTPS' }), 'provider.gatewayRefs[0].sectionName', 'HTTPS', 'DNS-1123 subdomain');
    expectPropError(gw({ name: 'public', port: 0 }), 'provider.gatewayRefs[0].port', 0, 'an integer from 1 to 65535');
  });

  test('templates and providers in other namespaces keep their namespace in the references', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
    const template = new MetricTemplate(chart, 't', { name: 'lat', namespace: 'monitoring', provider: MetricProviderType.DATADOG, query: 'avg:latency{*}' });
    const local = new MetricTemplate(chart, 'l', { name: 'local', provider: MetricProviderType.DATADOG, query: 'avg:errors{*}' });
    new Canary(chart, 'canary', { ...props, analysis: { ...props.analysis, metrics: [Metric.fromTemplate(template, { max: 1 }), Metric.fromTemplate(local, { max: 2 })] } });
    const canary = synthValid(chart).find(o => o.kind === 'Canary');
    expect(canary.metadata.namespace).toBe('apps');
    expect(canary.spec.analysis.metrics.map((m: any) => m.templateRef)).toEqual([{ name: 'lat', namespace: 'monitoring' }, { name: 'local' }]);
  });
});

test('the apex Service annotations are annotation keys', () => {
  const props: CanaryProps = { name: 'worker', targetName: 'worker', service: { port: 9090, apexAnnotations: { 'a b': 'c' } }, analysis: { interval: '30s', threshold: 3, iterations: 4 } };
  expectPropError(() => new Canary(Testing.chart(), 'canary', props), 'service.apexAnnotations.a b', 'a b', 'annotation keys are');
});
