import { REVISION_ANNOTATION } from '../../../lib/core/delivery-hints';
import { gateAccess, gateAccountName, gateJob, gateTargets } from '../../../lib/gitops/argocd/promotion-gate';
import { expectValidManifests } from '../../support/validate';

const canary = (name: string, kind?: string) => ({ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name, namespace: 'shop' }, spec: { targetRef: { apiVersion: 'apps/v1', kind, name } } });
const workload = (kind: string, name: string, revision?: string) => ({
  apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'shop' },
  spec: { template: { metadata: { annotations: revision ? { [REVISION_ANNOTATION]: revision } : undefined } } },
});

test('the targets of Canaries whose workload carries a revision, Deployments and DaemonSets', () => {
  const objects = [canary('web'), workload('Deployment', 'web', 'r1'), canary('agent', 'DaemonSet'), workload('DaemonSet', 'agent', 'r2'), canary('old'), workload('Deployment', 'old')];
  expect(gateTargets(objects)).toEqual([
    { namespace: 'shop', kind: 'Deployment', name: 'web', promoted: 'web-primary', revision: 'r1' },
    { namespace: 'shop', kind: 'DaemonSet', name: 'agent', promoted: 'agent-primary', revision: 'r2' },
  ]);
});

test('a long target name still gives names of at most 63 characters, a Job name per revision', () => {
  const target = { namespace: 'shop', kind: 'DaemonSet', name: `a${'b'.repeat(61)}`, promoted: `a${'b'.repeat(61)}-primary`, revision: 'F00D:cafe/1234' };
  const job = gateJob(target, 'registry.k8s.io/kubectl:v1.31.5', 600);
  expect(job.metadata.name).toHaveLength(63);
  expect(job.metadata.name.endsWith('-gate-f00dcafe12')).toBe(true);
  expect(gateAccountName(target)).toHaveLength(63);
  expect(gateAccess(target)[1].rules[0].resources).toEqual(['daemonsets']);
  expectValidManifests([job, ...gateAccess(target)]);
});
