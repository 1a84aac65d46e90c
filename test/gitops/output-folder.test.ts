import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GitOpsLayout, RollingApp } from '../../lib';
import { MANIFEST_FILE, OutputFolder } from '../../lib/gitops/output-folder';

const IMAGE = 'ghcr.io/acme/web:2.1.0';
/** The fs module object itself (the namespace import is a frozen view of it), for spies. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs: typeof fs = require('fs');

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'out-'));
}

function layout(outdir: string, apps: string[] = ['web']): GitOpsLayout {
  const l = new GitOpsLayout({ outdir });
  const env = l.addEnvironment('prod');
  for (const name of apps) new RollingApp(env.addApp(name), name, { name, image: IMAGE });
  return l;
}

/** Every file under `dir` with its content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = fs.readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

describe('refused output folders', () => {
  test.each(['.', './', ''])('outdir %j (the working directory) is refused and the working tree is untouched', outdir => {
    const project = tmpdir();
    fs.writeFileSync(path.join(project, 'keep.txt'), 'mine');
    const cwd = process.cwd();
    process.chdir(project);
    try {
      expect(() => layout(outdir).synth()).toThrow(outdir === '' ? /give the output folder/ : /is the working directory or one of its parents/);
    } finally {
      process.chdir(cwd);
    }
    expect(tree(project)).toEqual({ 'keep.txt': 'mine' });
  });

  test('a parent of the working directory is refused', () => {
    const project = tmpdir();
    fs.mkdirSync(path.join(project, 'sub'));
    const cwd = process.cwd();
    process.chdir(path.join(project, 'sub'));
    try {
      expect(() => layout('..').synth()).toThrow(/is the working directory or one of its parents/);
    } finally {
      process.chdir(cwd);
    }
  });

  test.each(['.git', 'package.json'])('a folder holding %s is refused (a project root)', marker => {
    const outdir = tmpdir();
    fs.mkdirSync(path.join(outdir, marker === '.git' ? '.git' : 'x'), { recursive: true });
    if (marker === 'package.json') fs.writeFileSync(path.join(outdir, 'package.json'), '{}');
    expect(() => layout(outdir).synth()).toThrow(new RegExp(`it holds \\${marker}`));
  });

  test('a folder holding the program being run is refused', () => {
    const outdir = tmpdir();
    fs.writeFileSync(path.join(outdir, 'main.ts'), '');
    expect(() => new OutputFolder(outdir, path.join(outdir, 'main.ts'))).toThrow(/it holds the program being run/);
  });

  test('an outdir that is a file is refused and the file is kept', () => {
    const file = path.join(tmpdir(), 'dist');
    fs.writeFileSync(file, 'not a folder');
    expect(() => layout(file).synth()).toThrow(/it is a file, not a folder/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
  });
});

describe('a synth owns only the files it wrote', () => {
  test('the flux-system folder of flux bootstrap and hand-written files survive byte-identical', () => {
    const outdir = tmpdir();
    const foreign = { 'clusters/prod/flux-system/gotk-components.yaml': 'components\n', 'clusters/prod/flux-system/kustomization.yaml': 'k\n', 'notes.md': '# mine\n', 'prod/web/extra.yaml': 'x: 1\n' };
    for (const [file, content] of Object.entries(foreign)) {
      fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
      fs.writeFileSync(path.join(outdir, file), content);
    }
    layout(outdir).synth();
    layout(outdir, ['api']).synth();
    const after = tree(outdir);
    for (const [file, content] of Object.entries(foreign)) expect({ file, content: after[file] }).toEqual({ file, content });
    expect(after['prod/web/deployment-web.yaml']).toBeUndefined();
    expect(after['prod/api/deployment-api.yaml']).toBeDefined();
  });

  test('a new file that would overwrite a foreign one is refused, and nothing changes', () => {
    const outdir = tmpdir();
    fs.mkdirSync(path.join(outdir, 'prod', 'web'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'prod', 'web', 'deployment-web.yaml'), 'hand-written\n');
    const before = tree(outdir);
    expect(() => layout(outdir).synth()).toThrow(/would overwrite 1 file\(s\) it did not write: prod\/web\/deployment-web.yaml[\s\S]*Nothing was written/);
    expect(tree(outdir)).toEqual(before);
  });

  test('a foreign file with exactly the content the synth writes is adopted', () => {
    const outdir = tmpdir();
    const rendered = layout(outdir).render();
    fs.mkdirSync(path.join(outdir, 'prod', 'web'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'prod', 'web', 'deployment-web.yaml'), rendered['prod/web/deployment-web.yaml']);
    layout(outdir).synth();
    expect(JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8')).files).toContain('prod/web/deployment-web.yaml');
  });

  test('the manifest lists exactly the files written', () => {
    const outdir = tmpdir();
    const rendered = layout(outdir).render();
    layout(outdir).synth();
    expect(JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8')).files).toEqual(Object.keys(rendered).filter(f => f !== MANIFEST_FILE).sort());
    expect(tree(outdir)).toEqual(rendered);
  });

  test('a symlinked outdir is followed: the files go to its target, the link stays', () => {
    const target = tmpdir();
    const link = path.join(tmpdir(), 'dist');
    fs.symlinkSync(target, link);
    layout(link).synth();
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(target, 'prod', 'web', 'deployment-web.yaml'))).toBe(true);
  });

  test('a symlink where a file goes is refused (the synth never writes through links)', () => {
    const outdir = tmpdir();
    const elsewhere = path.join(tmpdir(), 'secret');
    fs.writeFileSync(elsewhere, 'keep');
    fs.mkdirSync(path.join(outdir, 'prod', 'web'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(outdir, 'prod', 'web', 'deployment-web.yaml'));
    expect(() => layout(outdir).synth()).toThrow(/prod\/web\/deployment-web.yaml: a symlink is in the way/);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('keep');
  });

  test('a file where the synth needs a folder is refused', () => {
    const outdir = tmpdir();
    fs.writeFileSync(path.join(outdir, 'prod'), 'a file');
    expect(() => layout(outdir).synth()).toThrow(/prod is in the way/);
    expect(fs.readFileSync(path.join(outdir, 'prod'), 'utf8')).toBe('a file');
  });
});

describe('atomicity and recovery', () => {
  test('a failed render leaves the output as it was and no staging folder behind', () => {
    const outdir = tmpdir();
    layout(outdir).synth();
    const before = tree(outdir);
    const broken = layout(outdir, ['web', 'api']);
    broken.allEnvironments[0].addApp('empty');
    expect(() => broken.synth()).toThrow(/the app folder would be empty[\s\S]*Nothing was written/);
    expect(tree(outdir)).toEqual(before);
  });

  test('a folder it cannot write in is refused before anything changes, and the error says so', () => {
    const outdir = tmpdir();
    layout(outdir).synth();
    const before = tree(outdir);
    const readOnly = path.join(outdir, 'prod', 'web');
    const access = jest.spyOn(nodeFs, 'accessSync').mockImplementation((p: fs.PathLike) => {
      if (String(p) === readOnly) throw new Error('EACCES');
    });
    try {
      expect(() => layout(outdir, ['api']).synth()).toThrow(/cannot write in .*prod\/web[\s\S]*Nothing was written/);
    } finally {
      access.mockRestore();
    }
    expect(tree(outdir)).toEqual(before);
  });

  test('a commit that fails halfway says the output is partly updated, and the next synth finishes it', () => {
    const outdir = tmpdir();
    layout(outdir).synth();
    const rename = fs.renameSync;
    let calls = 0;
    const spy = jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
      if (++calls === 3) throw new Error('disk full');
      rename(from, to);
    });
    try {
      expect(() => layout(outdir, ['api']).synth()).toThrow(/disk full[\s\S]*partly updated; the next synth finishes the update/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.existsSync(path.join(outdir, '.cdk8s-delivery-journal.json'))).toBe(true);
    new OutputFolder(outdir).recover();
    expect(tree(outdir)).toEqual(layout(outdir, ['api']).render());
  });

  test('a synth interrupted while moving files into place is finished by the next one', () => {
    const outdir = tmpdir();
    layout(outdir).synth();
    // what a synth killed in the middle of its commit leaves: the journal, staged files not yet moved
    const staged = layout(outdir, ['api']).render();
    const staging = path.join(outdir, '.cdk8s-delivery-staging');
    for (const [file, content] of Object.entries(staged)) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.writeFileSync(path.join(staging, file), content);
    }
    const oldFiles: string[] = JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST_FILE), 'utf8')).files;
    fs.writeFileSync(path.join(outdir, '.cdk8s-delivery-journal.json'), JSON.stringify({ write: Object.keys(staged).sort(), remove: oldFiles.filter(f => !(f in staged)) }));
    fs.renameSync(path.join(staging, 'prod', 'api', 'deployment-api.yaml'), path.join(outdir, 'prod', 'api-deployment-moved-early.tmp'));
    fs.rmSync(path.join(outdir, 'prod', 'api-deployment-moved-early.tmp'));
    new OutputFolder(outdir).recover();
    const after = tree(outdir);
    expect(after['prod/api/service-api.yaml']).toBe(staged['prod/api/service-api.yaml']);
    expect(after['prod/web/deployment-web.yaml']).toBeUndefined();
    expect(fs.existsSync(staging)).toBe(false);
    expect(fs.existsSync(path.join(outdir, '.cdk8s-delivery-journal.json'))).toBe(false);
  });

  test('a synth interrupted while rendering leaves a staging folder that the next synth removes', () => {
    const outdir = tmpdir();
    fs.mkdirSync(path.join(outdir, '.cdk8s-delivery-staging', 'prod'), { recursive: true });
    fs.writeFileSync(path.join(outdir, '.cdk8s-delivery-staging', 'prod', 'half.yaml'), 'x');
    layout(outdir).synth();
    expect(fs.existsSync(path.join(outdir, '.cdk8s-delivery-staging'))).toBe(false);
    expect(Object.keys(tree(outdir))).not.toContain('prod/half.yaml');
  });
});
