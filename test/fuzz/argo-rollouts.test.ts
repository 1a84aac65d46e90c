// Random props over the Argo Rollouts apps, on every traffic router: a clear refusal naming the prop, or valid output.
import { layoutScenario } from '../support/fuzz/layout';
import { fuzzTest } from '../support/fuzz/property';
import { rolloutBlueGreenApp, rolloutCanaryApp } from '../support/fuzz/rollouts';

fuzzTest('RolloutCanaryApp', layoutScenario(rolloutCanaryApp()), 0.1);
fuzzTest('RolloutBlueGreenApp', layoutScenario(rolloutBlueGreenApp()), 0.05);
