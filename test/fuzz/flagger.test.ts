// Random props over the Flagger apps, on every provider and analysis mode: a clear refusal naming the prop, or valid output.
import { canaryApp, flaggerBlueGreenApp } from '../support/fuzz/flagger';
import { layoutScenario } from '../support/fuzz/layout';
import { fuzzTest } from '../support/fuzz/property';

fuzzTest('CanaryApp', layoutScenario(canaryApp()), 0.15);
fuzzTest('FlaggerBlueGreenApp', layoutScenario(flaggerBlueGreenApp()), 0.08);
