// The names a plan puts into its kubectl and flux commands must be Kubernetes names.
import { RolloutPlan } from '../../lib';
import { expectPropError } from '../support/errors';

const plan = (props: Record<string, string>) => () => RolloutPlan.rollingUpdate({ name: 'web', replicas: 2, ...props });

test('the plan name is a DNS-1123 subdomain', () => {
  expectPropError(plan({ name: 'web; rm -rf /' }), 'name', 'web; rm -rf /', 'DNS-1123 subdomain');
});

test('the namespace is a DNS-1123 label', () => {
  expectPropError(plan({ namespace: 'Shop' }), 'namespace', 'Shop', 'DNS-1123 label');
});

test('the Flux Kustomization is a DNS-1123 subdomain', () => {
  expectPropError(plan({ fluxKustomization: '' }), 'fluxKustomization', '', 'DNS-1123 subdomain');
});

test('the Flux namespace is a DNS-1123 label', () => {
  expectPropError(plan({ fluxNamespace: 'flux system' }), 'fluxNamespace', 'flux system', 'DNS-1123 label');
});

test('valid names are accepted', () => {
  expect(plan({ namespace: 'shop', fluxKustomization: 'prod-web', fluxNamespace: 'flux-system' })().toMarkdown()).toContain('kubectl -n shop');
});
