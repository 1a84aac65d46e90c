import { schedule } from '../../lib/review/schedule';

test('a unit starts when the changed units it depends on can be done; at the latest when Flux stops waiting for them', () => {
  const times = schedule([
    { unit: 'production-web', dependsOn: ['staging-web', 'flagger'], expectedSeconds: 300, budgetSeconds: 600 },
    { unit: 'staging-web', dependsOn: ['dev-web'], expectedSeconds: 120, budgetSeconds: 420 },
    { unit: 'dev-web', dependsOn: [], expectedSeconds: 60, budgetSeconds: 360 },
    { unit: 'docs', dependsOn: ['unchanged'], expectedSeconds: 0, budgetSeconds: 0 },
  ]);
  expect(Object.fromEntries(times)).toEqual({
    'dev-web': { startSeconds: 0, latestStartSeconds: 0, waitsFor: [] },
    'staging-web': { startSeconds: 60, latestStartSeconds: 360, waitsFor: ['dev-web'] },
    'production-web': { startSeconds: 180, latestStartSeconds: 780, waitsFor: ['staging-web'] },
    'docs': { startSeconds: 0, latestStartSeconds: 0, waitsFor: [] },
  });
});

test('the latest start of two upstream units is the later one', () => {
  const times = schedule([
    { unit: 'c', dependsOn: ['a', 'b'], expectedSeconds: 0, budgetSeconds: 0 },
    { unit: 'a', dependsOn: [], expectedSeconds: 100, budgetSeconds: 150 },
    { unit: 'b', dependsOn: [], expectedSeconds: 50, budgetSeconds: 500 },
  ]);
  expect(times.get('c')).toEqual({ startSeconds: 100, latestStartSeconds: 500, waitsFor: ['a', 'b'] });
});
