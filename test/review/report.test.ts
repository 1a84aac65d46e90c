import * as fs from 'fs';
import * as path from 'path';
import { environmentsExample, PODINFO_VERSION } from '../../examples/environments';
import { exampleLayoutProps } from '../../examples/main';
import { GitOpsLayout } from '../../lib';
import { treeFromFiles } from '../../lib/review/output-tree';
import { renderMarkdown } from '../../lib/review/report-markdown';
import { renderText } from '../../lib/review/report-text';
import { AppRelease, Review, reviewRelease } from '../../lib/review/review';
import { reviewOf, stagedCanary } from '../support/release-fixtures';

const review = reviewOf(stagedCanary('1.0'), stagedCanary('1.1'));

describe('Markdown', () => {
  const md = renderMarkdown(review, { notices: ['dist/ is stale'] });

  test('starts with the marker CI finds its comment by, the notices and the headline', () => {
    expect(md.split('\n').slice(0, 6)).toEqual([
      '<!-- cdk8s-delivery diff -->', '## Release review', '', '> dist/ is stale', '',
      'From dist/ at HEAD to a fresh synth: 2 app folder(s) change in 2 environment(s); 2 roll out. The release takes at least 7m; Flux waits up to 17m.',
    ]);
  });

  test('one row per app folder in rollout order, with the gate and the times', () => {
    expect(md).toContain('| 1 | `staging/web` | image `web`: ghcr.io/acme/web 1.0 → 1.1 | Flagger canary (progressive weights) | at once | 2m at least, Flux waits up to 7m |  |');
    expect(md).toContain('| 2 | `production/web` | image `web`: ghcr.io/acme/web 1.0 → 1.1 | Flagger canary (progressive weights) | after staging/web: +2m (at the latest +7m) | 5m at least, Flux waits up to 10m |  |');
  });

  test('the whole release on one time axis, one line per app folder, named under the chart', () => {
    expect(md).toContain('  x-axis "minutes since Flux applies the commit (one point every 15s)" -0.25 --> 7.25');
    expect(md).toContain('Lines: blue: `staging/web`, red: `production/web`.');
    expect(md.match(/^ {2}line \[/gm)!.length).toBe(2 + 2 * 2);
  });

  test('each app\'s steps at their time in this release (production\'s after staging\'s), with its charts', () => {
    expect(md).toContain('### 2. `production/web`: Flagger canary (progressive weights)');
    expect(md).toContain('| 10% | +2m | 10% | 2 | 4 | Flagger routes 10% of the requests to `web-canary`, then checks webhooks and metrics every 1m. |');
    expect(md).toContain('| finalise | +7m | 100% | 2 | 4 |');
    expect(md).toContain('<details><summary>Charts of this release</summary>');
  });

  test('a large release lists 100 app folders and details 25', () => {
    const app = review.apps[0];
    const many: Review = { ...review, apps: Array.from({ length: 130 }, (_, i): AppRelease => ({ ...app, folder: `env/app-${i}` })) };
    const big = renderMarkdown(many);
    expect(big).toContain('| 100 | `env/app-99` |');
    expect(big).not.toContain('`env/app-100`');
    expect(big).toContain('… and 30 more app folders (run the command for the full list).');
    expect(big.match(/^### \d+\. /gm)!.length).toBe(25);
  });
});

test('text: per app folder what changes, when it starts and its steps in time', () => {
  expect(renderText(review)).toBe([
    'Release review: dist/ at HEAD -> a fresh synth',
    '2 app folder(s) change in 2 environment(s); 2 roll out. The release takes at least 7m; Flux waits up to 17m.',
    '',
    '1. staging/web: Flagger canary (progressive weights)',
    '   changes: image web: ghcr.io/acme/web 1.0 → 1.1',
    '   starts at once; takes 2m at least, Flux waits up to 7m',
    '   Deployment web: Flagger canary (progressive weights): 25% → 50% → promote → finalise',
    '   steps: 25% +0s (25%), 50% +1m (50%), promote +2m (100%), finalise +2m (100%)',
    '   - Deployment web: image web: ghcr.io/acme/web 1.0 → 1.1',
    '',
    '2. production/web: Flagger canary (progressive weights)',
    '   changes: image web: ghcr.io/acme/web 1.0 → 1.1',
    '   starts after staging/web: +2m (at the latest +7m); takes 5m at least, Flux waits up to 10m',
    '   Deployment web: Flagger canary (progressive weights): 10% → 20% → … → 50% → promote → finalise',
    '   steps: 10% +2m (10%), 20% +3m (20%), 30% +4m (30%), 40% +5m (40%), 50% +6m (50%), promote +7m (100%), finalise +7m (100%)',
    '   - Deployment web: image web: ghcr.io/acme/web 1.0 → 1.1',
    '',
    '',
  ].join('\n'));
});

test('the README\'s example is what the command prints for the environments example (Flux and Argo CD, as in dist/) with podinfo 6.7.2 in staging and production', () => {
  const render = (version: string) => {
    const layout = new GitOpsLayout({ outdir: 'unused', ...exampleLayoutProps() });
    environmentsExample(layout, version);
    return layout.render();
  };
  const example = reviewRelease(treeFromFiles(render(PODINFO_VERSION), 'dist/'), treeFromFiles(render('6.7.2'), 'a fresh synth'));
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme).toContain(`\`\`\`text\n${renderText(example).trimEnd()}\n\`\`\``);
  expect(readme).toContain(`\`\`\`\`markdown\n${renderMarkdown(example).trimEnd()}\n\`\`\`\``);
});
