import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { treeFromFiles, treeFromFolder, treeFromGit } from '../../lib/review/output-tree';
import { commit, git } from '../support/release-fixtures';

const manifest = (files: string[]) => JSON.stringify({ generator: 'cdk8s-delivery', files });

test('a folder holds the files its manifest lists: foreign files (flux bootstrap\'s) are no part of a release', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-'));
  for (const [file, content] of Object.entries({ '.cdk8s-delivery.json': manifest(['prod/web/a.yaml']), 'prod/web/a.yaml': 'a', 'clusters/prod/flux-system/gotk.yaml': 'g' })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  const tree = treeFromFolder(dir, 'dist/');
  expect(tree.paths).toEqual(['.cdk8s-delivery.json', 'prod/web/a.yaml']);
  expect(tree.read('prod/web/a.yaml')).toBe('a');
  expect(treeFromFolder(path.join(dir, 'missing'), 'none').paths).toEqual([]);
});

test('without a manifest every file counts', () => {
  expect(treeFromFiles({ 'b.yaml': 'b', 'a.yaml': 'a' }, 'x').paths).toEqual(['a.yaml', 'b.yaml']);
});

test('at a Git ref: the output folder as committed then, read from a subfolder of the repository', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-git-'));
  git(dir, 'init', '-q', '-b', 'main');
  commit(dir, { 'deploy/dist/.cdk8s-delivery.json': manifest(['prod/web/a b.yaml']), 'deploy/dist/prod/web/a b.yaml': 'first\n', 'deploy/main.ts': '' }, 'one');
  commit(dir, { 'deploy/dist/prod/web/a b.yaml': 'second\n' }, 'two');
  const tree = treeFromGit(path.join(dir, 'deploy'), 'HEAD~1', 'dist', 'dist/ at HEAD~1');
  expect(tree.paths).toEqual(['.cdk8s-delivery.json', 'prod/web/a b.yaml']);
  expect(tree.read('prod/web/a b.yaml')).toBe('first\n');
  expect(() => treeFromGit(dir, 'no-such-ref', 'dist', 'x')).toThrow(/^git ls-tree -r -z no-such-ref -- dist\/ failed: fatal: Not a valid object name no-such-ref/);
});
