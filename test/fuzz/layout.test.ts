// Random layouts (outputs, environments, clusters, namespaces, dependencies) of random apps:
// a clear refusal naming the prop, or valid output; and the same bytes when synthesized twice.
import * as fc from 'fast-check';
import { flaggerApp } from '../support/fuzz/flagger';
import { buildLayout, layoutScenario } from '../support/fuzz/layout';
import { fuzzTest } from '../support/fuzz/property';
import { rolloutApp } from '../support/fuzz/rollouts';
import { strategyApp } from '../support/fuzz/strategy-apps';

const anyApp = () => fc.oneof(strategyApp(), flaggerApp(), rolloutApp());

fuzzTest('GitOpsLayout with environments and app folders', layoutScenario(anyApp(), 3, 3), 0.2);

fuzzTest('a layout synthesized twice gives the same bytes', layoutScenario(anyApp(), 2, 2), 0.1, (scenario, files) => {
  expect(buildLayout(scenario, 'dist').render()).toEqual(files);
});
