/**
 * The default example: every strategy, synthesized into dist/ (or $CDK8S_OUTDIR).
 * `npm run synth` and `npx cdk8s synth` both run this file.
 */
import { GitOpsLayout } from '../lib';
import { abTestingExample } from './ab-testing';
import { blueGreenExample } from './blue-green-app';
import { canaryExample } from './canary-app';
import { environmentsExample } from './environments';
import { flaggerBlueGreenExample } from './flagger-blue-green-app';
import { nginxCanaryExample } from './nginx-canary-app';
import { productionServiceExample } from './production-service';
import { replicaCanaryExample } from './replica-canary-app';
import { rollingExample } from './rolling-app';

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
  productionServiceExample(demo);
  environmentsExample(layout);
  return layout;
}

if (require.main === module) {
  try {
    defineExamples(new GitOpsLayout()).synth();
  } catch (e) {
    process.stderr.write(`synth failed, dist/ left unchanged: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
