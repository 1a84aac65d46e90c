/**
 * Renders the examples, plus an app whose names sort differently by locale,
 * and prints on stdout, as JSON, how this process's locale orders those names
 * and every rendered file. Run as a child process under a given LANG/LC_ALL.
 */
import { defineExamples, exampleLayoutProps } from '../../examples/main';
import { GitOpsLayout, RollingApp } from '../../lib';

/** Names that Danish (aa after z), Turkish (dotted and dotless i) and plain code point order sort differently. */
export const LOCALE_SENSITIVE_NAMES = ['ZONE', 'AA_URL', 'i_level', 'I_LEVEL', 'Z_ONE', 'aa.b'];

const layout = defineExamples(new GitOpsLayout({ outdir: 'unused', ...exampleLayoutProps() }));
const env = Object.fromEntries(LOCALE_SENSITIVE_NAMES.map(n => [n, n.toLowerCase()]));
new RollingApp(layout.addEnvironment('locale').addApp('web'), 'web', {
  name: 'web', image: 'ghcr.io/acme/web:1.0.0', env, labels: { 'aa-team': 'zone', 'z-team': 'aa' }, configFiles: { 'ZONE.conf': 'a', 'AA.conf': 'b' },
});
const collation = [...LOCALE_SENSITIVE_NAMES].sort((a, b) => a.localeCompare(b));
process.stdout.write(JSON.stringify({ collation, files: layout.render() }));
