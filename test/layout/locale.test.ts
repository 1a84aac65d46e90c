// The output does not depend on the machine's locale: the examples (and env vars, labels and
// config files whose names sort differently by locale) render byte for byte the same under two.
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.resolve(__dirname, '..', '..');

/** What the examples render to in a child process whose locale is `locale`. */
async function renderUnder(locale: string): Promise<{ collation: string[]; files: Record<string, string> }> {
  const env = { ...process.env, LANG: locale, LC_ALL: locale, LC_COLLATE: locale };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join('test', 'support', 'render-examples.ts')], { cwd: ROOT, env, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout);
}

test('the examples render to the same bytes under C.UTF-8 and da_DK.UTF-8', async () => {
  const [plain, danish] = await Promise.all([renderUnder('C.UTF-8'), renderUnder('da_DK.UTF-8')]);
  // the two locales order names differently (else this test could not fail)
  expect(danish.collation).not.toEqual(plain.collation);
  expect(Object.keys(danish.files)).toEqual(Object.keys(plain.files));
  for (const [file, content] of Object.entries(plain.files)) expect({ file, content: danish.files[file] }).toEqual({ file, content });
}, 120_000);
