// App folders may take any valid name, including names of Object's own members.
import * as YAML from 'yaml';
import { GitOpsLayout, RollingApp } from '../../lib';

test('an app folder named "constructor" renders (constructs would take Object\'s constructor for a child of that name)', () => {
  const layout = new GitOpsLayout({ outdir: 'unused' });
  new RollingApp(layout.addEnvironment('prod').addApp('constructor'), 'constructor', { name: 'constructor', image: 'ghcr.io/acme/web:1.0.0' });
  const files = layout.render();
  expect(YAML.parse(files['prod/constructor/deployment-constructor.yaml']).metadata).toMatchObject({ name: 'constructor', namespace: 'constructor' });
});
