// Random props over the apps without a controller: a clear refusal naming the prop, or valid output.
import { layoutScenario } from '../support/fuzz/layout';
import { fuzzTest } from '../support/fuzz/property';
import { blueGreenApp, nginxCanaryApp, replicaCanaryApp, rollingApp, routeCanaryApp } from '../support/fuzz/strategy-apps';

fuzzTest('RollingApp (rolling update and Recreate)', layoutScenario(rollingApp()), 0.07);
fuzzTest('BlueGreenApp', layoutScenario(blueGreenApp()), 0.05);
fuzzTest('ReplicaCanaryApp', layoutScenario(replicaCanaryApp()), 0.05);
fuzzTest('RouteCanaryApp', layoutScenario(routeCanaryApp()), 0.05);
fuzzTest('NginxCanaryApp', layoutScenario(nginxCanaryApp()), 0.05);
