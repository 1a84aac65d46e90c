import { CanaryProviderType, CountOrPercent, FlaggerCanaryPlanProps, FlaggerIterationsPlanProps, RolloutPlan, RolloutPlanKind } from '../../lib';
import { BUILTIN_MEANINGS } from '../../lib/flagger/builtins';
import { PROVIDERS } from '../../lib/flagger/provider-table';
import { argoBlueGreenPlan, argoCanaryPlan } from '../../lib/plan/argo-rollouts-plans';

/** What a Flagger app passes for a provider: the routing objects of the provider table. */
const routing = (provider: CanaryProviderType, svc: string, ingress = svc) => PROVIDERS[provider].routingObjects(svc, ingress);
/** A builtin metric as a Flagger app passes it, with its meaning. */
const builtin = (name: string, bound: { min?: number; max?: number }) => ({ name, ...bound, meaning: BUILTIN_MEANINGS[name] });

const MI = 2 ** 20;

describe('rolling update', () => {
  test('a plan of 2,147,483,647 replicas one pod at a time lists five steps and renders at once (closed form, no per-wave arrays)', () => {
    const plan = RolloutPlan.rollingUpdate({ name: 'web', replicas: 2147483647, maxSurge: CountOrPercent.count(1), maxUnavailable: CountOrPercent.count(0) });
    expect(plan.waves).toBe(2147483647);
    expect(plan.steps.map(s => s.name)).toEqual(['wave 1', 'wave 2', 'wave 3', 'waves 4-2147483646', 'wave 2147483647']);
    expect(plan.steps[3]).toMatchObject({ newPods: 2147483646, oldPods: 1, peakPods: 2147483648 });
    expect(plan.toMarkdown()).toContain('| 4 | waves 4-2147483646 |');
  });

  test('pods, minimum available and waves follow the formulas for every R, surge and unavailability', () => {
    const percents = [0, 10, 25, 33, 50, 100];
    for (let r = 1; r <= 24; r++) {
      for (const sp of percents) {
        for (const up of percents) {
          const s = Math.ceil((r * sp) / 100);
          const u = Math.floor((r * up) / 100);
          if (s + u === 0) continue;
          const plan = RolloutPlan.rollingUpdate({ name: 'web', replicas: r, maxSurge: CountOrPercent.percent(sp), maxUnavailable: CountOrPercent.percent(up) });
          const where = `R=${r} surge=${sp}% unavailable=${up}%`;
          expect({ where, peak: plan.peakPods, min: plan.minAvailablePods, waves: plan.waves, steady: plan.steadyPods })
            .toEqual({ where, peak: r + s, min: r - u, waves: Math.ceil(r / (s + u)), steady: r });
          expect(plan.steps).toHaveLength(plan.waves! <= 10 ? plan.waves! : 5);
          const last = plan.steps[plan.steps.length - 1];
          expect({ where, newPods: last.newPods, oldPods: last.oldPods, traffic: last.trafficPercent }).toEqual({ where, newPods: r, oldPods: 0, traffic: 100 });
          for (const step of plan.steps) {
            expect(step.peakPods).toBeLessThanOrEqual(r + s);
            expect(step.newPods + step.oldPods).toBe(r);
          }
        }
      }
    }
  });

  test('10 replicas, 25% surge, no unavailability: 4 waves of 3, peak 13, 10 always available', () => {
    const plan = RolloutPlan.rollingUpdate({
      name: 'api', replicas: 10, maxSurge: CountOrPercent.percent(25), maxUnavailable: CountOrPercent.count(0), minReadySeconds: 5,
      cpuRequest: '250m', memoryRequest: '512Mi',
    });
    expect(plan.steps.map(s => [s.newPods, s.oldPods, s.peakPods, s.trafficPercent, s.startSeconds])).toEqual([
      [3, 7, 13, 30, 0], [6, 4, 13, 60, 5], [9, 1, 13, 90, 10], [10, 0, 11, 100, 15],
    ]);
    expect(plan.minTimeToPromoteSeconds).toBe(20);
    expect(plan.timeToRollbackSeconds).toBeUndefined();
    expect([plan.steadyCpuMillis, plan.peakCpuMillis, plan.steadyMemoryBytes, plan.peakMemoryBytes]).toEqual([2500, 3250, 5120 * MI, 6656 * MI]);
  });

  test('defaults: 25%/25% of 2 replicas is surge 1 (rounded up) and unavailable 0 (rounded down), 100m and 128Mi per pod', () => {
    const plan = RolloutPlan.rollingUpdate({ name: 'web', replicas: 2 });
    expect([plan.peakPods, plan.minAvailablePods, plan.waves, plan.progressDeadlineSeconds]).toEqual([3, 2, 2, 600]);
    expect([plan.podCpuMillis, plan.podMemoryBytes]).toEqual([100, 128 * MI]);
  });

  test('counts larger than the replicas are capped: maxUnavailable 5 of 3 replicas leaves 0 available', () => {
    const plan = RolloutPlan.rollingUpdate({ name: 'web', replicas: 3, maxSurge: CountOrPercent.count(0), maxUnavailable: CountOrPercent.count(5) });
    expect([plan.minAvailablePods, plan.waves, plan.peakPods]).toEqual([0, 1, 3]);
  });

  test('0 replicas: no waves, no steps, and a note', () => {
    const plan = RolloutPlan.rollingUpdate({ name: 'web', replicas: 0 });
    expect([plan.waves, plan.steps.length]).toEqual([0, 0]);
    expect(plan.notes.join('\n')).toMatch(/nothing to roll/);
  });

  test('watch commands use the namespace, the selector label and the progress deadline; Flux commands when a Kustomization is named', () => {
    const plan = RolloutPlan.rollingUpdate({ name: 'web', namespace: 'shop', replicas: 2, progressDeadlineSeconds: 300, fluxKustomization: 'prod-web' });
    expect(plan.watchCommands).toEqual([
      'flux -n flux-system reconcile kustomization prod-web --with-source',
      'flux -n flux-system get kustomizations prod-web --watch',
      'kubectl -n shop rollout status deployment/web --timeout=300s',
      'kubectl -n shop get pods -l app.kubernetes.io/name=web -L app.kubernetes.io/version -w',
    ]);
  });
});

test('recreate: peak R, none available, one wave, downtime', () => {
  const plan = RolloutPlan.recreate({ name: 'db-migrator', replicas: 3, minReadySeconds: 10 });
  expect([plan.kind, plan.steadyPods, plan.peakPods, plan.minAvailablePods, plan.waves, plan.minTimeToPromoteSeconds]).toEqual([RolloutPlanKind.RECREATE, 3, 3, 0, 1, 10]);
  expect(plan.steps.map(s => [s.name, s.trafficPercent, s.newPods, s.oldPods])).toEqual([['stop old', 0, 0, 0], ['start new', 100, 3, 0]]);
  expect(plan.timings.map(t => t.name)).toContain('Downtime');
});

describe('blue/green switch', () => {
  test('warm idle color: steady = peak = active + idle, the switch changes the selectors only, rollback flips active back', () => {
    const plan = RolloutPlan.blueGreenSwitch({ name: 'shop', namespace: 'shop', activeColor: 'blue', idleColor: 'green', activeReplicas: 3, idleReplicas: 3, cpuRequest: '500m' });
    expect([plan.kind, plan.steadyPods, plan.peakPods, plan.minAvailablePods, plan.steadyCpuMillis, plan.peakCpuMillis]).toEqual([RolloutPlanKind.BLUE_GREEN_SWITCH, 6, 6, 3, 3000, 3000]);
    expect(plan.steps.map(s => [s.name, s.trafficPercent])).toEqual([['deploy green', 0], ['switch', 100]]);
    expect(plan.steps[1].description).toContain('from `color: blue` to `color: green`');
    expect(plan.rollback[0]).toContain('Set `active` back to blue');
    expect(plan.minTimeToPromoteSeconds).toBeUndefined();
    expect(plan.runtimeObjects).toEqual([]);
    expect(plan.watchCommands).toContain('kubectl -n shop get service shop shop-preview -o wide');
  });

  test('idle color scaled to 0: steady R, peak 2R, a scale-down step, and a rollback that waits for pods', () => {
    const plan = RolloutPlan.blueGreenSwitch({ name: 'shop', activeColor: 'green', idleColor: 'blue', activeReplicas: 2, idleReplicas: 0, newVersionReplicas: 4 });
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([2, 6, 2]);
    expect(plan.steps.map(s => [s.name, s.newPods, s.oldPods])).toEqual([['deploy blue', 4, 2], ['switch', 4, 2], ['scale green down', 4, 0]]);
    expect(plan.steps[0].description).toMatch(/^Scale `shop-blue` up/);
    expect(plan.rollback[1]).toContain('drop `idleReplicas`');
  });

  test('switch by route: the HTTPRoute backendRef moves from the active color\'s Service to the idle one\'s, and back on rollback', () => {
    const plan = RolloutPlan.blueGreenSwitch({
      name: 'shop', namespace: 'shop', activeColor: 'blue', idleColor: 'green', activeReplicas: 3, idleReplicas: 3,
      serviceName: 'shop-blue', previewServiceName: 'shop-green', routeName: 'shop',
    });
    expect(plan.kind).toBe(RolloutPlanKind.BLUE_GREEN_SWITCH);
    expect(plan.steps[0].description).toContain('Test it through `shop-green`');
    expect(plan.steps[1].description).toContain('the backendRef of the HTTPRoute `shop` changes from `shop-blue` to `shop-green`');
    expect(plan.summary).toContain('serves through `shop-blue` and the HTTPRoute `shop`');
    expect(plan.timings[0].formula).toContain('the Gateway reprograms the route within seconds');
    expect(plan.watchCommands).toContain('kubectl -n shop get httproute shop -o jsonpath=\'{.spec.rules[*].backendRefs[*].name}\'');
    expect(plan.rollback[0]).toBe('Set `active` back to blue (one line, one commit): only the backendRef of the HTTPRoute `shop` changes back.');
  });
});

describe('replica canary', () => {
  test('traffic share = canary / (stable + canary) at each step, then promotion', () => {
    const plan = RolloutPlan.replicaCanary({ name: 'api', stableReplicas: 4, canaryReplicas: 1, canaryReplicaSteps: [1, 2, 4] });
    expect(plan.steps.map(s => [s.trafficPercent, s.newPods, s.oldPods, s.peakPods])).toEqual([
      [20, 1, 4, 5], [33.3, 2, 4, 6], [50, 4, 4, 8], [100, 4, 0, 8],
    ]);
    expect([plan.kind, plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([RolloutPlanKind.REPLICA_CANARY, 4, 8, 4]);
    expect(plan.rollback[0]).toContain('Remove `canary`');
  });

  test('without steps: one step at the current canary replicas, or 1 when there is no canary yet', () => {
    expect(RolloutPlan.replicaCanary({ name: 'api', stableReplicas: 3, canaryReplicas: 0 }).steps[0].trafficPercent).toBe(25);
    expect(RolloutPlan.replicaCanary({ name: 'api', stableReplicas: 3, canaryReplicas: 2 }).steps[0].trafficPercent).toBe(40);
  });
});

describe('nginx canary', () => {
  test('weights step by step, header and cookie rules, and the per-pod load of the canary', () => {
    const plan = RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 4, canaryReplicas: 1, weightSteps: [10, 20], header: 'x-canary', cookie: 'canary' });
    expect(plan.steps.map(s => [s.name, s.trafficPercent])).toEqual([['weight 10%', 10], ['weight 20%', 20], ['promote', 100]]);
    expect(plan.steps[0].description).toContain('plus every request with header `x-canary: always` or cookie `canary=always`');
    expect([plan.steadyPods, plan.peakPods]).toEqual([4, 5]);
    // 20% over 1 pod against 80% over 4 pods: each canary pod takes 1× a stable pod's share
    expect(plan.notes[0]).toContain('each of the 1 canary pod(s) takes 1× the requests of a stable pod');
  });

  test('header routing alone: a matched-requests step at weight 0, with the header pattern', () => {
    const plan = RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, header: 'x-team', headerPattern: '^qa-.*' });
    expect(plan.steps.map(s => [s.name, s.trafficPercent])).toEqual([['matched requests', 0], ['promote', 100]]);
    expect(plan.steps[0].description).toContain('plus every request with header `x-team` matching `^qa-.*`');
  });

  test('the current weight is the one step by default', () => {
    const plan = RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 2, weight: 30 });
    expect(plan.steps.map(s => s.trafficPercent)).toEqual([30, 100]);
    expect(plan.notes[0]).toContain('takes 0.43× the requests');
  });
});

describe('route canary', () => {
  test('weights step by step on one HTTPRoute, A/B matches on top, and the per-pod load of the canary', () => {
    const plan = RolloutPlan.routeCanary({ name: 'web', namespace: 'shop', stableReplicas: 4, canaryReplicas: 1, weight: 10, weightSteps: [10, 20], matches: ['header x-canary exact insider', 'cookie canary=always'] });
    expect(plan.kind).toBe(RolloutPlanKind.ROUTE_CANARY);
    expect(plan.steps.map(s => [s.name, s.trafficPercent])).toEqual([['weight 10%', 10], ['weight 20%', 20], ['promote', 100]]);
    expect(plan.steps[0].description).toBe('The HTTPRoute `web` sends 10% of the requests to the canary pods, plus every request with `header x-canary exact insider` or `cookie canary=always`.');
    expect(plan.steps[2].description).toContain('Flux prunes the canary Service and Deployment `web-canary`, and the HTTPRoute `web` sends every request to `web`');
    expect([plan.steadyPods, plan.peakPods, plan.minTimeToPromoteSeconds]).toEqual([4, 5, undefined]);
    expect(plan.notes[0]).toContain('each of the 1 canary pod(s) takes 1× the requests of a stable pod');
    expect(plan.notes.join(' ')).toContain('implementation-specific');
    expect(plan.watchCommands).toContain('kubectl -n shop get httproute web -o jsonpath=\'{.spec.rules[*].backendRefs}\'');
    expect(plan.rollback[0]).toContain('Set `canaryWeight` to 0 and drop `canaryMatches`');
  });

  test('matches alone: a matched-requests step at weight 0; without matches no word on regular expressions', () => {
    expect(RolloutPlan.routeCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, matches: ['query beta exact 1'] }).steps.map(s => [s.name, s.trafficPercent])).toEqual([['matched requests', 0], ['promote', 100]]);
    expect(RolloutPlan.routeCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, weight: 50 }).notes.join(' ')).not.toContain('implementation-specific');
  });
});

describe('Flagger canary', () => {
  const base: FlaggerCanaryPlanProps = { name: 'web', namespace: 'shop', replicas: 2, intervalSeconds: 60, threshold: 5 };

  test('stepWeight goes step, 2·step, … until >= maxWeight; the last may overshoot, capped at 100', () => {
    const weights = (maxWeight: number | undefined, stepWeight: number) =>
      RolloutPlan.flaggerCanary({ ...base, maxWeight, stepWeight }).steps.filter(s => s.name.endsWith('%')).map(s => s.trafficPercent);
    expect(weights(50, 20)).toEqual([20, 40, 60]);
    expect(weights(undefined, 30)).toEqual([30, 60, 90, 100]);
    expect(weights(50, 2)).toHaveLength(25);
    expect(weights(30, 60)).toEqual([60]);
  });

  test('minimum time to promote = interval × ceil(maxWeight / stepWeight); rollback = interval × threshold, for every combination', () => {
    for (const interval of [10, 30, 60, 120]) {
      for (const max of [5, 10, 33, 50, 99, 100]) {
        for (const step of [1, 3, 5, 10, 20, 25, 50, 100]) {
          const plan = RolloutPlan.flaggerCanary({ ...base, intervalSeconds: interval, maxWeight: max, stepWeight: step, threshold: 3 });
          const n = Math.ceil(max / step);
          expect({ interval, max, step, t: plan.minTimeToPromoteSeconds }).toEqual({ interval, max, step, t: interval * n });
          expect(plan.analysisSeconds).toBe(interval * n);
          expect(plan.timeToRollbackSeconds).toBe(interval * 3);
          const weights = plan.steps.filter(s => s.name.endsWith('%')).map(s => s.trafficPercent);
          expect(weights).toEqual(Array.from({ length: n }, (_, i) => Math.min(100, (i + 1) * step)));
          expect(weights[weights.length - 1]).toBeGreaterThanOrEqual(max);
        }
      }
    }
  });

  test('stepWeights: one step per weight, minimum time = interval × len(stepWeights)', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, intervalSeconds: 30, stepWeights: [1, 2, 10, 80] });
    expect(plan.steps.map(s => [s.name, s.trafficPercent, s.startSeconds])).toEqual([
      ['1%', 1, 0], ['2%', 2, 30], ['10%', 10, 60], ['80%', 80, 90], ['promote', 100, 120], ['finalise', 100, 120],
    ]);
    expect(plan.minTimeToPromoteSeconds).toBe(120);
  });

  test('staged promotion adds interval × ceil(100 / stepWeightPromotion) when the last weight is 100', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, stepWeight: 25, stepWeightPromotion: 30 });
    expect([plan.analysisSeconds, plan.stagedPromotionSeconds, plan.minTimeToPromoteSeconds]).toEqual([240, 60 * Math.ceil(100 / 30), 240 + 240]);
    expect(plan.steps.map(s => s.name)).toEqual(['25%', '50%', '75%', '100%', 'promote', 'shift back', 'finalise']);
  });

  test('staged promotion from a lower last weight shifts only that weight back: ceil(60 / 20) intervals', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, maxWeight: 50, stepWeight: 20, stepWeightPromotion: 20 });
    expect([plan.stagedPromotionSeconds, plan.minTimeToPromoteSeconds]).toEqual([180, 360]);
    expect(plan.notes.join('\n')).toContain('Flagger shifts the primary from 40% to 100%');
  });

  test('stepWeightPromotion 100 is not staged', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, stepWeight: 50, stepWeightPromotion: 100 });
    expect([plan.stagedPromotionSeconds, plan.minTimeToPromoteSeconds]).toEqual([undefined, 120]);
  });

  test('mirror adds one mirrored step before the first weight', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, stepWeight: 50, mirror: true });
    expect(plan.steps.map(s => [s.name, s.trafficPercent, s.startSeconds])).toEqual([['mirror', 0, 0], ['50%', 50, 60], ['100%', 100, 120], ['promote', 100, 180], ['finalise', 100, 180]]);
    expect(plan.minTimeToPromoteSeconds).toBe(180);
  });

  test('peak pods: primary R + canary R; steady R; with an HPA at its minimum, and the primary HPA listed', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, replicas: 3, maxReplicas: 10, stepWeight: 10, cpuRequest: '1', memoryRequest: '1Gi' });
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([3, 6, 3]);
    expect([plan.steadyCpuMillis, plan.peakCpuMillis, plan.peakMemoryBytes]).toEqual([3000, 6000, 6 * 1024 * MI]);
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toContain('HorizontalPodAutoscaler/web-primary');
    expect(plan.notes.join('\n')).toContain('at its minimum (3)');
  });

  test('Flagger raises an interval below 10s to 10s and a threshold of 0 to 1, and says so', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, intervalSeconds: 5, threshold: 0, stepWeight: 50 });
    expect([plan.intervalSeconds, plan.threshold, plan.minTimeToPromoteSeconds, plan.timeToRollbackSeconds]).toEqual([10, 1, 20, 10]);
    expect(plan.notes.join('\n')).toMatch(/below 10s to 10s[\s\S]*threshold of 0 as 1/);
  });

  test('runtime objects: primary Deployment, the three Services, config copies and the provider\'s routing objects', () => {
    const nginx = RolloutPlan.flaggerCanary({ ...base, stepWeight: 10, provider: 'nginx', routingObjects: routing(CanaryProviderType.NGINX, 'web', 'web-public'), configMaps: ['web-config'], secrets: ['web-tls'] });
    expect(nginx.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toEqual([
      'Deployment/web-primary', 'Service/web', 'Service/web-primary', 'Service/web-canary', 'ConfigMap/web-config-primary', 'Secret/web-tls-primary', 'Ingress/web-public-canary',
    ]);
    const istio = RolloutPlan.flaggerCanary({ ...base, stepWeight: 10, provider: 'istio', serviceName: 'front', routingObjects: routing(CanaryProviderType.ISTIO, 'front') });
    expect(istio.runtimeObjects.map(o => `${o.kind}/${o.name}`).slice(1)).toEqual([
      'Service/front', 'Service/front-primary', 'Service/front-canary', 'VirtualService/front', 'DestinationRule/front-primary', 'DestinationRule/front-canary',
    ]);
    expect(RolloutPlan.flaggerCanary({ ...base, stepWeight: 10, provider: 'gatewayapi:v1', routingObjects: routing(CanaryProviderType.GATEWAY_API, 'web') }).runtimeObjects.map(o => o.kind)).toContain('HTTPRoute');
    expect(RolloutPlan.flaggerCanary({ ...base, stepWeight: 10, provider: 'istio' }).runtimeObjects.map(o => o.kind)).not.toContain('VirtualService');
  });

  test('gates come in the order Flagger calls them; the blank type is rollout; timeouts default to 10s', () => {
    const plan = RolloutPlan.flaggerCanary({
      ...base, stepWeight: 50,
      webhooks: [
        { name: 'notify', type: 'post-rollout' }, { name: 'load', url: 'http://flagger-loadtester.shop/', timeoutSeconds: 5 },
        { name: 'approve', type: 'confirm-promotion' }, { name: 'smoke', type: 'pre-rollout' }, { name: 'start', type: 'confirm-rollout' },
        { name: 'more', type: 'confirm-traffic-increase' }, { name: 'abort', type: 'rollback' },
      ],
    });
    expect(plan.gates.map(g => [g.name, g.type, g.timeoutSeconds])).toEqual([
      ['start', 'confirm-rollout', 10], ['smoke', 'pre-rollout', 10], ['load', 'rollout', 5], ['more', 'confirm-traffic-increase', 10],
      ['approve', 'confirm-promotion', 10], ['notify', 'post-rollout', 10], ['abort', 'rollback', 10],
    ]);
    expect(plan.steps[0].description).toMatch(/^Once the confirm-traffic-increase gate opens/);
    expect(plan.rollback[2]).toContain('open the rollback gate');
  });

  test('metrics with their thresholds', () => {
    const plan = RolloutPlan.flaggerCanary({
      ...base, stepWeight: 50,
      metrics: [{ name: 'request-success-rate', min: 99 }, { name: 'request-duration', max: 500, intervalSeconds: 30 }, { name: 'errors', min: 0, max: 1, templateName: 'error-rate' }],
    });
    expect(plan.metrics.map(m => [m.name, m.check, m.intervalSeconds])).toEqual([
      ['request-success-rate', '>= 99', 60], ['request-duration', '<= 500', 30], ['errors', '0 .. 1', 60],
    ]);
    expect(plan.metrics[2].meaning).toBe('MetricTemplate `error-rate`');
  });

  test('watch commands: get canary -w and wait for the promoted condition', () => {
    const plan = RolloutPlan.flaggerCanary({ ...base, stepWeight: 20 });
    expect(plan.watchCommands).toEqual(expect.arrayContaining([
      'kubectl -n shop get canary web -w',
      `kubectl -n shop wait canary/web --for=condition=promoted --timeout=${300 + 240}s`,
    ]));
  });
});

describe('Flagger iterations', () => {
  const base: FlaggerIterationsPlanProps = { name: 'web', replicas: 2, intervalSeconds: 60, threshold: 3, iterations: 10, provider: 'nginx' };

  test('A/B testing: interval × iterations, matched requests only, promotion right after the last iteration', () => {
    const plan = RolloutPlan.flaggerIterations({ ...base, match: ['header x-canary: insider'] });
    expect([plan.kind, plan.minTimeToPromoteSeconds, plan.timeToRollbackSeconds, plan.peakPods]).toEqual([RolloutPlanKind.FLAGGER_AB_TESTING, 600, 180, 4]);
    expect(plan.steps).toHaveLength(12);
    expect(plan.steps[9]).toMatchObject({ name: 'iteration 10', startSeconds: 540, trafficPercent: 0 });
    expect(plan.steps[0].description).toContain('`header x-canary: insider`');
    expect(plan.steps[10]).toMatchObject({ name: 'promote', startSeconds: 600, trafficPercent: 100 });
  });

  test('blue/green: interval × iterations, then one interval with all requests on the canary before promotion', () => {
    const plan = RolloutPlan.flaggerIterations({ ...base, iterations: 5, intervalSeconds: 30 });
    expect([plan.kind, plan.minTimeToPromoteSeconds]).toEqual([RolloutPlanKind.FLAGGER_BLUE_GREEN, 150]);
    expect(plan.steps.slice(5).map(s => [s.name, s.startSeconds, s.trafficPercent])).toEqual([['switch', 150, 100], ['promote', 180, 100], ['finalise', 180, 100]]);
  });

  test('blue/green on the kubernetes provider: no routing, the primary serves until promotion; match is dropped', () => {
    const plan = RolloutPlan.flaggerIterations({ ...base, provider: 'kubernetes', match: ['header x-canary: insider'] });
    expect(plan.kind).toBe(RolloutPlanKind.FLAGGER_BLUE_GREEN);
    expect(plan.steps.find(s => s.name === 'switch')!.trafficPercent).toBe(0);
    expect(plan.runtimeObjects.map(o => o.kind)).toEqual(['Deployment', 'Service', 'Service', 'Service']);
    expect(plan.notes[0]).toContain('drops `match`');
  });
});

describe('validation', () => {
  const flagger = { name: 'web', replicas: 2, intervalSeconds: 60, threshold: 5 };
  const cases: Array<[string, () => unknown, string, string]> = [
    ['replicas are integers >= 0', () => RolloutPlan.rollingUpdate({ name: 'web', replicas: -1 }), 'replicas', '-1'],
    ['maxSurge percentages are 0..100', () => RolloutPlan.rollingUpdate({ name: 'web', replicas: 2, maxSurge: CountOrPercent.percent(150) }), 'maxSurge', '150'],
    ['maxSurge and maxUnavailable cannot both resolve to 0', () => RolloutPlan.rollingUpdate({ name: 'web', replicas: 3, maxSurge: CountOrPercent.percent(0), maxUnavailable: CountOrPercent.percent(25) }), 'maxSurge', '"maxUnavailable":"25%"'],
    ['minReadySeconds is an integer >= 0', () => RolloutPlan.recreate({ name: 'web', replicas: 1, minReadySeconds: 1.5 }), 'minReadySeconds', '1.5'],
    ['cpuRequest is a quantity', () => RolloutPlan.recreate({ name: 'web', replicas: 1, cpuRequest: 'lots' }), 'cpuRequest', '"lots"'],
    ['memoryRequest is a quantity', () => RolloutPlan.recreate({ name: 'web', replicas: 1, memoryRequest: '-1Gi' }), 'memoryRequest', '"-1Gi"'],
    ['maxReplicas is an integer >= 1', () => RolloutPlan.recreate({ name: 'web', replicas: 1, maxReplicas: 0 }), 'maxReplicas', '0'],
    ['progressDeadlineSeconds is an integer >= 1', () => RolloutPlan.recreate({ name: 'web', replicas: 1, progressDeadlineSeconds: 0 }), 'progressDeadlineSeconds', '0'],
    ['activeReplicas is an integer >= 0', () => RolloutPlan.blueGreenSwitch({ name: 'web', activeColor: 'blue', idleColor: 'green', activeReplicas: -2, idleReplicas: 0 }), 'activeReplicas', '-2'],
    ['idleReplicas is an integer >= 0', () => RolloutPlan.blueGreenSwitch({ name: 'web', activeColor: 'blue', idleColor: 'green', activeReplicas: 2, idleReplicas: -1 }), 'idleReplicas', '-1'],
    ['newVersionReplicas is an integer >= 0', () => RolloutPlan.blueGreenSwitch({ name: 'web', activeColor: 'blue', idleColor: 'green', activeReplicas: 2, idleReplicas: 2, newVersionReplicas: 0.5 }), 'newVersionReplicas', '0.5'],
    ['stableReplicas is an integer >= 0', () => RolloutPlan.replicaCanary({ name: 'web', stableReplicas: -1, canaryReplicas: 1 }), 'stableReplicas', '-1'],
    ['canaryReplicas is an integer >= 0', () => RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 1, canaryReplicas: -1 }), 'canaryReplicas', '-1'],
    ['canaryReplicaSteps needs a step', () => RolloutPlan.replicaCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, canaryReplicaSteps: [] }), 'canaryReplicaSteps', '[]'],
    ['canaryReplicaSteps are integers >= 1', () => RolloutPlan.replicaCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, canaryReplicaSteps: [1, 0] }), 'canaryReplicaSteps[1]', '0'],
    ['weight is 0..100', () => RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, weight: 101 }), 'weight', '101'],
    ['weightSteps needs a step', () => RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, weightSteps: [] }), 'weightSteps', '[]'],
    ['weightSteps are 0..100', () => RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, weightSteps: [10, 200] }), 'weightSteps[1]', '200'],
    ['route canary weight is 0..100', () => RolloutPlan.routeCanary({ name: 'web', stableReplicas: 2, canaryReplicas: 1, weight: -1 }), 'weight', '-1'],
    ['intervalSeconds is an integer >= 1', () => RolloutPlan.flaggerCanary({ ...flagger, intervalSeconds: 0, stepWeight: 10 }), 'intervalSeconds', '0'],
    ['threshold is an integer >= 0', () => RolloutPlan.flaggerCanary({ ...flagger, threshold: -1, stepWeight: 10 }), 'threshold', '-1'],
    ['exactly one of stepWeight and stepWeights', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeight: 10, stepWeights: [10, 20] }), 'stepWeight', '"stepWeights":[10,20]'],
    ['stepWeight is 1..100', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeight: 0 }), 'stepWeight', '0'],
    ['maxWeight is 1..100', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeight: 10, maxWeight: 120 }), 'maxWeight', '120'],
    ['maxWeight is not set with stepWeights', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeights: [10, 50], maxWeight: 50 }), 'maxWeight', '50'],
    ['stepWeights needs a weight', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeights: [] }), 'stepWeights', '[]'],
    ['stepWeights are 1..100', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeights: [10, 101] }), 'stepWeights[1]', '101'],
    ['stepWeights strictly increase', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeights: [10, 10, 50] }), 'stepWeights', '[10,10,50]'],
    ['stepWeightPromotion is 1..100', () => RolloutPlan.flaggerCanary({ ...flagger, stepWeight: 10, stepWeightPromotion: 0 }), 'stepWeightPromotion', '0'],
    ['iterations is an integer >= 1', () => RolloutPlan.flaggerIterations({ ...flagger, iterations: 0 }), 'iterations', '0'],
    ['webhook types are Flagger\'s', () => RolloutPlan.flaggerIterations({ ...flagger, iterations: 1, webhooks: [{ name: 'x', type: 'pre-promotion' }] }), 'webhooks[0].type', '"pre-promotion"'],
    ['webhook timeouts are integers >= 1', () => RolloutPlan.flaggerIterations({ ...flagger, iterations: 1, webhooks: [{ name: 'x', timeoutSeconds: 0 }] }), 'webhooks[0].timeoutSeconds', '0'],
    ['metric intervals are integers >= 1', () => RolloutPlan.flaggerIterations({ ...flagger, iterations: 1, metrics: [{ name: 'm', intervalSeconds: -5 }] }), 'metrics[0].intervalSeconds', '-5'],
  ];
  test.each(cases)('%s', (_rule, build, prop, value) => {
    let message = '';
    try {
      build();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('rollout plan of "web": invalid');
    expect(message).toContain(`'${prop}'`);
    expect(message).toContain(value);
  });
});

describe('Markdown', () => {
  const argo = {
    name: 'podinfo', namespace: 'test', replicas: 2, scaleDownDelaySeconds: 30, abortScaleDownDelaySeconds: 30, intervalSeconds: 60, threshold: 5,
    analysisTemplates: ['podinfo-analysis'], controllerObjects: [{ kind: 'Service', name: 'podinfo', purpose: 'selector set by the controller' }],
    podMetricsNote: 'The metrics query the app\'s own `http_request_duration_seconds` histogram by pod-template hash: scrape the pods with the label `rollouts-pod-template-hash` kept (a PodMonitor\'s `podTargetLabels`).',
  };
  const plans: Record<string, RolloutPlan> = {
    rollingUpdate: RolloutPlan.rollingUpdate({ name: 'random-generator', namespace: 'demo', replicas: 3, maxSurge: CountOrPercent.count(1), maxUnavailable: CountOrPercent.count(1), minReadySeconds: 5, cpuRequest: '200m', memoryRequest: '256Mi' }),
    recreate: RolloutPlan.recreate({ name: 'migrator', replicas: 2 }),
    blueGreenSwitch: RolloutPlan.blueGreenSwitch({ name: 'shop', namespace: 'shop', activeColor: 'blue', idleColor: 'green', activeReplicas: 3, idleReplicas: 0 }),
    replicaCanary: RolloutPlan.replicaCanary({ name: 'api', stableReplicas: 4, canaryReplicas: 1, canaryReplicaSteps: [1, 2] }),
    nginxCanary: RolloutPlan.nginxCanary({ name: 'web', stableReplicas: 3, canaryReplicas: 1, weightSteps: [10, 25], header: 'x-canary', headerValue: 'insider' }),
    routeCanary: RolloutPlan.routeCanary({ name: 'web', stableReplicas: 3, canaryReplicas: 1, weight: 10, weightSteps: [10, 25, 50], matches: ['header x-canary exact insider'] }),
    flaggerCanary: RolloutPlan.flaggerCanary({
      name: 'podinfo', namespace: 'test', replicas: 2, maxReplicas: 4, intervalSeconds: 60, threshold: 5, maxWeight: 50, stepWeight: 10, provider: 'nginx',
      routingObjects: routing(CanaryProviderType.NGINX, 'podinfo'), configMaps: ['podinfo-config'],
      webhooks: [{ name: 'load-test', url: 'http://flagger-loadtester.test/', timeoutSeconds: 5 }, { name: 'acceptance-test', type: 'pre-rollout', url: 'http://flagger-loadtester.test/' }],
      metrics: [builtin('request-success-rate', { min: 99 }), builtin('request-duration', { max: 500 })],
    }),
    flaggerABTesting: RolloutPlan.flaggerIterations({
      name: 'podinfo', namespace: 'test', replicas: 2, intervalSeconds: 60, threshold: 10, iterations: 10, provider: 'nginx', match: ['header x-canary: insider', 'cookie canary=always'],
      routingObjects: routing(CanaryProviderType.NGINX, 'podinfo'), metrics: [builtin('request-success-rate', { min: 99 })],
    }),
    flaggerBlueGreen: RolloutPlan.flaggerIterations({
      name: 'podinfo', namespace: 'test', replicas: 2, intervalSeconds: 30, threshold: 2, iterations: 10, provider: 'kubernetes',
      webhooks: [{ name: 'gate', type: 'confirm-promotion', url: 'http://flagger-loadtester.test/gate/check' }],
    }),
    argoRolloutsCanary: RolloutPlan._of(argoCanaryPlan({
      ...argo, routed: true, router: 'the Gateway API plugin sets the weights of the HTTPRoute', maxSurge: 1, maxUnavailable: 0, dynamicStableScale: false,
      steps: [10, 30].flatMap(w => [{ kind: 'setWeight' as const, weight: w }, { kind: 'pause' as const, pauseSeconds: 60 }]),
      backgroundMetrics: [builtin('request-success-rate', { min: 99 })],
    })),
    argoRolloutsBlueGreen: RolloutPlan._of(argoBlueGreenPlan({
      ...argo, activeService: 'podinfo', previewService: 'podinfo-preview', previewReplicas: 2, iterations: 5, manualPromotion: true,
      preMetrics: [builtin('request-success-rate', { min: 99 })], postMetrics: [],
    })),
  };

  test('one plan per strategy kind', () => {
    expect(new Set(Object.values(plans).map(p => p.kind))).toEqual(new Set(Object.values(RolloutPlanKind)));
  });

  test.each(Object.keys(plans))('%s snapshot', key => {
    expect(plans[key].toMarkdown()).toMatchSnapshot();
  });

  test('a timed plan is charted on a time axis: traffic as a line, all pods as bars, new pods as a line, steps that start together on one point', () => {
    const md = plans.flaggerCanary.toMarkdown();
    expect(md).toContain('x-axis "minutes since the first step (one point every 15s)" -0.25 --> 5.25');
    expect(md).toContain('  line [0, 10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30, 40, 40, 40, 40, 50, 50, 50, 50, 100, 100]');
    expect(md).toContain('  bar [2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]');
    expect(md).not.toContain('promote +5m');
  });

  test('a plan whose steps are commits is charted step by step', () => {
    expect(plans.routeCanary.toMarkdown()).toContain('x-axis ["before", "weight 10%", "weight 25%", "weight 50%", "promote"]');
  });

  test('tables show steady and peak requests with the overhead', () => {
    const md = plans.rollingUpdate.toMarkdown();
    expect(md).toContain('| pods | 3 | 4 (+1) |');
    expect(md).toContain('| CPU requested | 600m | 800m (+200m) |');
    expect(md).toContain('| memory requested | 768Mi | 1Gi (+256Mi) |');
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  test('the index has one row per plan, with links', () => {
    const md = RolloutPlan.indexMarkdown([
      { plan: plans.rollingUpdate, link: 'demo/random-generator.md', environment: 'demo' },
      { plan: plans.flaggerCanary },
    ]);
    expect(md.split('\n').filter(l => l.startsWith('| ['))).toEqual([
      '| [random-generator](demo/random-generator.md) | demo | Rolling update | 3 → 4 | 600m → 800m | 768Mi → 1Gi | 10s | manual |',
    ]);
    expect(md).toContain('| podinfo | – | Flagger canary (progressive weights) | 2 → 4 | 200m → 400m | 256Mi → 512Mi | 5m | 5m |');
    expect(md).toMatchSnapshot();
  });
});
