/**
 * The synth program of the diff benchmark (bench/diff.ts): BENCH_APPS
 * (default 1,000) apps of the CanaryApp bundle in one environment, written
 * into $CDK8S_OUTDIR; BENCH_CHANGED=i gives app i a new image tag (the
 * release under review).
 */
import { GitOpsLayout } from '../lib';
import { appName, scenario } from './scenarios';

const apps = Number(process.env.BENCH_APPS ?? 1000);
const changed = process.env.BENCH_CHANGED ? Number(process.env.BENCH_CHANGED) : -1;
const layout = new GitOpsLayout();
const env = layout.addEnvironment('bench');
const bundle = scenario('CanaryApp');
for (let i = 0; i < apps; i++) bundle.define(env.addApp(appName(i)), appName(i), i === changed ? '1.4.3' : undefined);
layout.synth();
