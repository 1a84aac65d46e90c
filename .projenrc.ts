import { cdk8s, DependencyType, javascript, typescript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-delivery',
  description: 'Deployment strategies as cdk8s constructs: rolling, blue/green and canary apps with Flagger and Flux output.',
  author: 'cdk8s-delivery maintainers',
  authorAddress: 'maintainers@cdk8s-delivery.dev',
  repositoryUrl: 'https://github.com/cdk8s-delivery/cdk8s-delivery.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  runner: typescript.TypeScriptRunner.tsx(),

  cdk8sVersion: '2.70.106',
  constructsVersion: '10.4.2',
  jsiiVersion: '6.0.16',
  typescriptVersion: '5.9.3',
  cdk8sPlusVersionPinning: true,

  srcdir: 'lib',
  libdir: 'out',
  testdir: 'test',
  entrypoint: 'out/index.js',
  entrypointTypes: 'out/index.d.ts',
  artifactsDirectory: 'dist-pkg',

  // the range cdk8s-plus-28 itself supports, so a project on any 2.x of it installs us
  peerDeps: ['cdk8s-plus-28@^2.0.3'],
  peerDependencyOptions: { pinnedDevDependency: false },
  // validation and the YAML writer run in users' synths; jsii libraries bundle non-jsii dependencies
  bundledDeps: ['ajv@8.17.1', 'yaml@2.9.1'],
  devDeps: [
    'cdk8s@2.70.106',
    'constructs@10.4.2',
    'cdk8s-cli@2.207.60',
    'cdk8s-plus-28@2.5.6',
    'jsii-docgen@10.12.6',
    'tsx@4.20.6',
    '@types/jest@29.5.14',
    'jest@29.7.0',
    'ts-jest@29.4.15',
    'jsii-diff@1.134.0',
    'jsii-pacmak@1.140.0',
    'jsii-rosetta@6.0.17',
    '@types/node@20.19.43',
    '@bufbuild/cel@0.6.1',
    '@bufbuild/protobuf@2.17.0',
    'fengari@0.1.5',
    'fast-check@4.11.0',
  ],
  projenVersion: '0.103.25',

  // Only the JavaScript target can be built on this project's machines.
  docgen: true,
  stability: 'experimental',
  minNodeVersion: '18.0.0',
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,
  eslint: false,
  jestOptions: {
    configFilePath: 'jest.config.json',
    junitReporting: false,
    jestConfig: { collectCoverage: false },
  },
  gitignore: ['/.dist-*', '/bench/results/', '/out-examples/', '/cdk8s.out/'],
  tsconfigDev: { include: ['../examples/**/*.ts', '../bench/**/*.ts'], compilerOptions: {} },
});

// the peer ranges of cdk8s-plus-28 (projen would pin them to the versions we develop with)
project.deps.removeDependency('cdk8s', DependencyType.PEER);
project.deps.removeDependency('constructs', DependencyType.PEER);
project.deps.addDependency('cdk8s@^2.68.11', DependencyType.PEER);
project.deps.addDependency('constructs@^10.3.0', DependencyType.PEER);

// a real version; what the package ships (the compiled library, its schemas and docs) and exports
project.package.addVersion('0.1.0');
project.package.addField('files', ['out/**/*.js', 'out/**/*.d.ts', 'schemas/', '.jsii', 'API.md', 'README.md', 'LICENSE']);
project.package.addField('exports', {
  '.': { types: './out/index.d.ts', default: './out/index.js' },
  './.jsii': './.jsii',
  './package.json': './package.json',
});

// `npx cdk8s-delivery diff`: the release review (lib/review/), compiled by jsii into out/
project.package.addBin({ 'cdk8s-delivery': 'out/review/bin.js' });

// `dist/` holds the synthesized manifests: committed, never deleted by projen.
project.gitignore.removePatterns('/dist/');
project.gitignore.exclude('/dist-pkg/');

const jestConfig = project.tryFindObjectFile('jest.config.json')!;
jestConfig.addOverride('testMatch', ['<rootDir>/test/**/*.test.ts']);
jestConfig.addOverride('reporters', ['default', '<rootDir>/test/support/summary-reporter.js']);
jestConfig.addOverride('transform', { '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json', diagnostics: false }] });

// `npm test`: jsii rules and types (lib), types (tests, examples, bench), then jest.
// (the dev versions of cdk8s and cdk8s-plus-28 are newer than the peer floors: cdk8s-cli needs them)
const testSteps = ['jsii --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency', 'tsc --noEmit -p test/tsconfig.json', 'jest --ci'];
project.testTask.reset();
testSteps.forEach(exec => project.testTask.exec(exec));
project.addTask('test:update', { exec: 'jest --updateSnapshot' });
// the cdk8s CLI asks the npm registry for a newer version on every run (a 404 stack trace offline)
project.tasks.addEnvironment('CDK8S_CHECK_UPGRADE', 'false');

project.addTask('synth:examples', {
  description: 'Synthesize the example apps into dist/ (atomic: dist/ is only replaced after a successful run)',
  exec: 'node --import tsx examples/main.ts',
});
project.addTask('bench', {
  description: 'Benchmark synthesis time and memory for N = 10 .. 10,000 apps',
  exec: 'node --expose-gc --import tsx bench/synth-bench.ts',
});

// `npm run fuzz`: the property-based tests (test/fuzz/) at 100,000 cases; FUZZ_RUNS and FUZZ_SEED override
const fuzz = 'FUZZ_RUNS=${FUZZ_RUNS:-100000} jest --ci test/fuzz';
project.addTask('fuzz', { description: 'Property-based tests at 100,000 cases (FUZZ_RUNS, FUZZ_SEED to change them)', exec: fuzz });
project.package.setScript('synth', 'node --import tsx examples/main.ts');
project.package.setScript('fuzz', fuzz);
project.package.setScript('test', testSteps.join(' && '));
project.package.setScript('bench', 'node --expose-gc --import tsx bench/synth-bench.ts');

project.synth();
