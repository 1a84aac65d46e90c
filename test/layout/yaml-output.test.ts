// End to end: strings that YAML 1.1 or 1.2 readers (and Go's decoders) would take for numbers,
// booleans or null reach the written files quoted, so every reader gets the string back.
import * as YAML from 'yaml';
import { GitOpsLayout, RollingApp } from '../../lib';
import { expectPropError } from '../support/errors';

const TRICKY = ['0o17', '0O17', '+0o17', '0X1F', '0B101', '1e3', '.inf', 'yes', '~'];
/** The tricky strings Docker allows as an image tag (a tag starts with a letter, digit or '_'). */
const TAGS = TRICKY.filter(s => /^[\w][\w.-]{0,127}$/.test(s));

/** The Deployment of a one-app layout, as written and as YAML 1.2 and 1.1 read it. */
function deployment(props: { image: string; env?: Record<string, string> }) {
  const layout = new GitOpsLayout({ outdir: 'unused' });
  new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', ...props });
  const text = layout.render()['prod/web/deployment-web.yaml'];
  return { text, v12: YAML.parse(text, { version: '1.2' }), v11: YAML.parse(text, { version: '1.1' }) };
}

test.each(TAGS)('image tag %s: the version label is written quoted and read back as the string', tag => {
  const { text, v12, v11 } = deployment({ image: `ghcr.io/acme/web:${tag}` });
  expect(text).toContain(`app.kubernetes.io/version: "${tag}"`);
  for (const doc of [v12, v11]) {
    expect(doc.metadata.labels['app.kubernetes.io/version']).toBe(tag);
    expect(doc.spec.template.metadata.labels['app.kubernetes.io/version']).toBe(tag);
  }
});

test.each(TRICKY.filter(s => !TAGS.includes(s)))('image tag %s is not a Docker tag: refused, naming the image', tag => {
  const layout = new GitOpsLayout({ outdir: 'unused' });
  const image = `ghcr.io/acme/web:${tag}`;
  expectPropError(() => new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image }), 'image', image);
});

test('environment values that look like numbers, booleans or null are read back as the strings', () => {
  const env = Object.fromEntries(TRICKY.map((value, i) => [`V${i}`, value]));
  const { v12, v11 } = deployment({ image: 'ghcr.io/acme/web:1.0.0', env });
  for (const doc of [v12, v11]) {
    const read = Object.fromEntries(doc.spec.template.spec.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(read).toEqual(env);
  }
});
