// core: the app model
export * from './core/container-props';
export * from './core/scaling-props';
export * from './core/ingress-props';
export * from './core/app-props';
export * from './core/count-or-percent';
export * from './core/env-from';
export * from './core/probe';
export * from './core/traffic-match';
export * from './core/route-props';
export * from './core/gateway';
export * from './core/object-refs';
export * from './core/volume-props';
export * from './core/lifecycle-props';
export * from './core/sidecar-props';
export * from './core/scheduling-props';
export * from './core/service-props';
export * from './core/identity-props';
export * from './core/network-policy-props';
export * from './core/monitoring-props';
// the rollout plan
export * from './plan/plan-parts';
export * from './plan/plan-props';
export * from './plan/flagger-plan-props';
export * from './plan/route-plan-props';
export * from './plan/rollout-plan';
export * from './plan/rollout-plan-kind';
// the shared base of every app
export * from './base/app-base';
// strategies without a controller
export * from './strategies/deployment-strategy';
export * from './strategies/rolling-app';
export * from './strategies/color';
export * from './strategies/blue-green-app';
export * from './strategies/replica-canary-app';
export * from './strategies/nginx-canary-app';
export * from './strategies/blue-green-switch';
export * from './strategies/route-canary-app';
// the Flagger engine
export * from './flagger/metric-template';
export * from './flagger/alert-provider';
export * from './flagger/metric';
export * from './flagger/webhook';
export * from './flagger/alert';
export * from './flagger/analysis';
export * from './flagger/providers';
export * from './flagger/canary';
export * from './flagger/load-tester';
export * from './flagger/flagger-load-tester';
export * from './flagger/flagger-app-base';
export * from './flagger/canary-app';
export * from './flagger/flagger-blue-green-app';
// the Argo Rollouts engine
export * from './argo-rollouts/traffic-router';
export * from './argo-rollouts/rollout-metric';
export * from './argo-rollouts/rollout-step';
export * from './argo-rollouts/analysis-props';
export * from './argo-rollouts/rollout-app-base';
export * from './argo-rollouts/rollout-canary-app';
export * from './argo-rollouts/rollout-blue-green-app';
// GitOps output
export * from './gitops/app-chart';
export * from './gitops/namespace-options';
export * from './gitops/delivery-environment';
export * from './gitops/flux/git-repository';
export * from './gitops/flux/kustomization';
export * from './gitops/flux/helm-repository';
export * from './gitops/flux/oci-repository';
export * from './gitops/flux/helm-release';
export * from './gitops/flux/infrastructure-props';
export * from './gitops/argocd/argocd-output-props';
export { GitOpsEngine, GitOpsOutput } from './layout/gitops-output';
export * from './layout/gitops-layout';
// validation users call on their own charts
export * from './core/pod-security-level';
export * from './validation/finding';
export * from './validation/validator';
