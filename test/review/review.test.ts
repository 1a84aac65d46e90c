import { BlueGreenApp, CanaryApp, CanaryProvider, Color, GitOpsLayout, Metric, RollingApp, RouteCanaryApp } from '../../lib';
import { AppRelease, Review } from '../../lib/review/review';
import { layoutWith, reviewOf, stagedCanary, STRATEGIES } from '../support/release-fixtures';

/** The only app folder a review lists. */
function onlyApp(review: Review): AppRelease {
  expect(review.apps.map(a => a.folder)).toEqual(['prod/web']);
  return review.apps[0];
}

const bump = (strategy: string) => reviewOf(layoutWith(e => STRATEGIES[strategy](e, '1.0')), layoutWith(e => STRATEGIES[strategy](e, '1.1')));

describe('an image bump under each strategy', () => {
  test.each([
    ['RollingApp', 'Rolling update', 'Deployment web', 33],
    ['Recreate', 'Recreate', 'Deployment web', 0],
    ['BlueGreenApp', 'Blue/green switch (Git): new version in the idle color', 'Deployment web-green', 0],
    ['ReplicaCanaryApp', 'Canary by replica ratio (Git): new canary version', 'Deployment web-canary', 25],
    ['NginxCanaryApp', 'ingress-nginx canary (Git): new canary version', 'Deployment web-canary', 20],
    ['RouteCanaryApp', 'Gateway API canary by route weights (Git): new canary version', 'Deployment web-canary', 20],
    ['CanaryApp', 'Flagger canary (progressive weights)', 'Deployment web', 25],
    ['CanaryApp (A/B)', 'Flagger A/B testing', 'Deployment web', 0],
    ['FlaggerBlueGreenApp', 'Flagger blue/green', 'Deployment web', 0],
    ['RolloutCanaryApp', 'Argo Rollouts canary', 'Rollout web', 25],
    ['RolloutBlueGreenApp', 'Argo Rollouts blue/green', 'Rollout web', 0],
  ])('%s: %s of %s, the first step sends %d%% of the requests to the new version', (strategy, label, subject, firstTraffic) => {
    const app = onlyApp(bump(strategy));
    expect(app.rollouts.map(r => [r.label, r.subject, r.rollsOut])).toEqual([[label, subject, true]]);
    expect(app.rollouts[0].steps[0].trafficPercent).toBe(firstTraffic);
    const workload = subject.split(' ');
    expect(app.objects.find(o => o.kind === workload[0] && o.name === workload[1])!.aspects[0].text).toBe('image `web`: ghcr.io/acme/web 1.0 → 1.1');
  });

  test('controller rollouts take the plan\'s time: a Flagger canary of 25% and 50% every minute promotes after 2m; Flux waits for its budget', () => {
    const app = onlyApp(bump('CanaryApp'));
    expect(app.rollouts[0].steps.map(s => [s.name, s.startSeconds])).toEqual([['25%', 0], ['50%', 60], ['promote', 120], ['finalise', 120]]);
    expect([app.expectedSeconds, app.budgetSeconds]).toEqual([120, 420]);
  });

  test('a Recreate is risky (downtime); a rolling update is not', () => {
    expect(onlyApp(bump('Recreate')).risks).toEqual(['Recreate: all 2 pod(s) of `web` stop before new ones serve: downtime until the first new pod is ready']);
    expect(bump('Recreate').risky).toBe(true);
    expect(bump('RollingApp').risky).toBe(false);
  });

  test('a new canary version says which commit comes next', () => {
    expect(onlyApp(bump('RouteCanaryApp')).rollouts[0].notes).toEqual(['next commit: weight 50% (50% of the requests)']);
  });
});

test('a config change replaces the pods (checksum) and says which files changed', () => {
  const app = (content: string) => layoutWith(e => new RollingApp(e.addApp('web'), 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0', configFiles: { 'app.yaml': content } }));
  const release = onlyApp(reviewOf(app('level: info\n'), app('level: debug\n')));
  expect(release.objects.map(o => [o.kind, o.aspects.map(a => a.text)])).toEqual([
    ['ConfigMap', ['config: data.app.yaml changed']],
    ['Deployment', ['config checksum changed (the config files the pods mount changed)']],
  ]);
  expect(release.rollouts.map(r => r.label)).toEqual(['Rolling update']);
});

describe('blue/green switch', () => {
  const app = (active: Color, idleReplicas?: number, greenTag = '1.1') => layoutWith(e => new BlueGreenApp(e.addApp('web'), 'web', {
    name: 'web', active, idleReplicas, blue: { image: 'ghcr.io/acme/web:1.0', replicas: 2 }, green: { image: `ghcr.io/acme/web:${greenTag}`, replicas: 2 },
  }));

  test('to a warm color: every request moves at once, nothing risky, the rollback is a commit', () => {
    const release = onlyApp(reviewOf(app(Color.BLUE), app(Color.GREEN)));
    expect(release.rollouts.map(r => [r.label, r.summary])).toEqual([['Blue/green switch (Git): switch', 'every request of `web` moves from blue to green at once (2 pod(s))']]);
    expect(release.rollouts[0].notes).toEqual(['roll back: set `active` back to blue']);
    expect(release.risks).toEqual([]);
    expect(release.objects.map(o => `${o.kind} ${o.name}: ${o.aspects.map(a => a.text)}`)).toEqual(['Service web: routing: selector.color: blue → green', 'Service web-preview: routing: selector.color: green → blue']);
  });

  test('to a color scaled to zero is risky', () => {
    const release = onlyApp(reviewOf(app(Color.BLUE, 0), app(Color.GREEN, 0)));
    expect(release.risks).toEqual(['the switch sends every request of `web` to green, which runs 0 pods until Flux scales it to 2: requests fail until its pods are ready; scale green up (drop idleReplicas: 0) in one commit, switch in the next']);
    expect(release.rollouts[0].notes).toContain('blue scales to 0 with the switch: a rollback is no longer instant');
  });

  test('together with a new version of the target color is risky', () => {
    const release = onlyApp(reviewOf(app(Color.BLUE, undefined, '1.1'), app(Color.GREEN, undefined, '1.2')));
    expect(release.risks).toEqual(['green gets new pods in the same commit as the switch: Flux applies both at once, so the requests move to green while its pods are replaced; deploy first, switch in a second commit']);
  });

  test('a new version in the active color rolls it under live traffic: risky', () => {
    const release = onlyApp(reviewOf(app(Color.GREEN), app(Color.GREEN, undefined, '1.2')));
    expect(release.rollouts.map(r => r.label)).toEqual(['Blue/green switch (Git): rolling update of the live color']);
    expect(release.risks).toEqual(['green is the active color: its new version rolls under live traffic; put it in the idle color and switch instead']);
  });
});

test('a weight step commit moves the canary\'s share of the requests, and names the next step', () => {
  const app = (weight: number) => layoutWith(e => new RouteCanaryApp(e.addApp('web'), 'web', {
    name: 'web', stable: { image: 'ghcr.io/acme/web:1.0', replicas: 3 }, canary: { image: 'ghcr.io/acme/web:1.1', replicas: 1 },
    weightSteps: [5, 20, 50], canaryWeight: weight, route: { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['web.example.com'] },
  }));
  const release = onlyApp(reviewOf(app(20), app(50)));
  expect(release.rollouts.map(r => [r.label, r.summary, r.notes])).toEqual([[
    'Gateway API canary by route weights (Git): traffic step', 'the canary\'s share of the requests of `web` moves from 20% to 50%', ['next commit: promote (100% of the requests)'],
  ]]);
  expect(release.rollouts[0].before.trafficPercent).toBe(20);
  expect(release.objects[0].aspects.map(a => a.text)).toEqual(['routing: rules[0].backendRefs[web].weight: 80 → 50; rules[0].backendRefs[web-canary].weight: 20 → 50']);
});

test('removing an app prunes every object its Kustomization applied: risky; the Namespace stays', () => {
  const two = (withApi: boolean) => layoutWith(e => {
    new RollingApp(e.addApp('web'), 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0' });
    if (withApi) new RollingApp(e.addApp('api'), 'api', { name: 'api', image: 'ghcr.io/acme/api:1.0' });
  });
  const review = reviewOf(two(true), two(false));
  const api = review.apps.find(a => a.folder === 'prod/api')!;
  expect(review.apps.map(a => a.folder)).toEqual(['prod/api']);
  expect(api.status).toBe('removed');
  expect(api.rollouts.map(r => [r.label, r.summary])).toEqual([['app removed', 'the app folder and its Flux Kustomization are removed: Flux deletes its 3 object(s): Deployment, PodDisruptionBudget, Service']]);
  expect(api.risks).toEqual(['removing the app deletes its 3 object(s): Deployment, PodDisruptionBudget, Service from the cluster (the Namespace stays: Flux never prunes it)']);
  expect(api.gitops).toEqual(['Flux Kustomization `prod-api` is removed (it prunes: Flux deletes what it applied)']);
  expect(review.clusterChanges).toEqual(['Namespace `api` (Flux, cluster prod) is no longer in Git; Flux keeps it in the cluster (prune disabled), delete it by hand when it is empty']);
  expect(review.risky).toBe(true);
});

test('gated environments roll out in order: production starts when staging\'s canary can be done', () => {
  const review = reviewOf(stagedCanary('1.0'), stagedCanary('1.1'));
  expect(review.apps.map(a => [a.folder, a.waitsFor, a.startSeconds, a.latestStartSeconds, a.expectedSeconds])).toEqual([
    ['staging/web', [], 0, 0, 120],
    ['production/web', ['staging/web'], 120, 420, 300],
  ]);
  expect(review.apps.map(a => a.cluster)).toEqual(['platform', 'platform']);
});

test('a change of the Canary\'s analysis alone rolls nothing out: Flagger uses it from the next release', () => {
  const app = (maxWeight: number) => layoutWith(e => new CanaryApp(e.addApp('web'), 'web', {
    name: 'web', image: 'ghcr.io/acme/web:1.0', port: 8080, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] }),
    analysis: { interval: '1m', threshold: 3, hasSteadyTraffic: true, stepWeight: 10, maxWeight, metrics: [Metric.requestSuccessRate()] },
  }));
  const release = onlyApp(reviewOf(app(50), app(30)));
  expect(release.rollouts.map(r => [r.label, r.rollsOut, r.summary])).toEqual([['no rollout', false, 'the analysis of `web` changes; Flagger uses it from the next release on']]);
  expect(release.gitops).toEqual(['Flux Kustomization `prod-web`: settings: timeout: 10m → 8m']);
});

test('a new app is created without a progressive rollout; a RollingApp that becomes a CanaryApp is taken over by Flagger without analysis', () => {
  const added = reviewOf(layoutWith(e => STRATEGIES.RollingApp(e, '1.0')), layoutWith(e => {
    STRATEGIES.RollingApp(e, '1.0');
    new RollingApp(e.addApp('api'), 'api', { name: 'api', image: 'ghcr.io/acme/api:1.0' });
  }));
  expect(added.apps.map(a => [a.folder, a.status, a.rollouts.map(r => [r.label, r.summary])])).toEqual([
    ['prod/api', 'added', [['new app', 'a new app: Flux creates its 3 object(s); its pods start and get the requests once ready']]],
  ]);
  const takenOver = onlyApp(reviewOf(layoutWith(e => STRATEGIES.RollingApp(e, '1.0')), layoutWith(e => STRATEGIES.CanaryApp(e, '1.0'))));
  expect(takenOver.rollouts.map(r => [r.label, r.summary])).toEqual([[
    'Flagger canary (progressive weights): first release', 'Flagger takes over `web`: it creates `web-primary` from the Deployment and promotes it without analysis',
  ]]);
});

test('a change of the Flux settings alone lists the app folder with the change and no rollout', () => {
  const app = (interval: string) => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    STRATEGIES.RollingApp(layout.addEnvironment('prod', { interval }), '1.0');
    return layout;
  };
  const release = onlyApp(reviewOf(app('10m'), app('5m')));
  expect([release.objects, release.rollouts, release.gitops]).toEqual([[], [], ['Flux Kustomization `prod-web`: settings: interval: 10m → 5m']]);
});

test('no-op: the same program gives the same output, and the review says nothing changes', () => {
  const review = reviewOf(layoutWith(e => STRATEGIES.CanaryApp(e, '1.0')), layoutWith(e => STRATEGIES.CanaryApp(e, '1.0')));
  expect([review.files, review.apps, review.risky]).toEqual([[], [], false]);
});
