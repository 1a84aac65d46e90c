/**
 * The default example: every strategy, synthesized into dist/ (or $CDK8S_OUTDIR).
 * `npm run synth` and `npx cdk8s synth` both run this file.
 */
import { GitOpsLayout, GitOpsLayoutProps, GitOpsOutput } from '../lib';
import { abTestingExample } from './ab-testing';
import { blueGreenExample } from './blue-green-app';
import { canaryExample } from './canary-app';
import { argoCdOutput, environmentsExample } from './environments';
import { flaggerBlueGreenExample } from './flagger-blue-green-app';
import { nginxCanaryExample } from './nginx-canary-app';
import { productionServiceExample } from './production-service';
import { replicaCanaryExample } from './replica-canary-app';
import { rollingExample } from './rolling-app';
import { routeCanaryExample } from './route-canary-app';
import { rolloutsBlueGreenExample } from './rollouts-blue-green';
import { rolloutsCanaryExample } from './rollouts-canary';

/**
 * The layout settings of the examples: Flux and Argo CD side by side, as
 * during a migration from one to the other; Flux installs the
 * infrastructure, with the Gateway API CRDs and a small Prometheus for the
 * demo (Flagger and its loadtester come with the apps that use Flagger).
 * Under Argo CD, production follows the branch `release` (see `argoCdOutput`).
 */
export function exampleLayoutProps(): GitOpsLayoutProps {
  return {
    outputs: [GitOpsOutput.flux(), argoCdOutput()],
    infrastructure: { gatewayApiCrds: { install: true }, prometheus: { install: true } },
  };
}

/** Defines every example app in `layout`. */
export function defineExamples(layout: GitOpsLayout): GitOpsLayout {
  const demo = layout.addEnvironment('demo');
  rollingExample(demo);
  blueGreenExample(demo);
  replicaCanaryExample(demo);
  nginxCanaryExample(demo);
  canaryExample(demo);
  flaggerBlueGreenExample(demo);
  abTestingExample(demo);
  routeCanaryExample(demo);
  rolloutsCanaryExample(demo);
  rolloutsBlueGreenExample(demo);
  productionServiceExample(demo);
  environmentsExample(layout);
  return layout;
}

if (require.main === module) {
  try {
    const s = defineExamples(new GitOpsLayout({ ...exampleLayoutProps(), progress: true })).synth();
    process.stdout.write(`synthesized ${s.apps} app folders, ${s.objects} objects into ${s.outdir}: ${s.filesWritten} files written, ${s.filesRemoved} removed, in ${s.seconds.toFixed(1)}s\n`);
  } catch (e) {
    process.stderr.write(`synth failed: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
