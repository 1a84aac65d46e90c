import { cpuMillis, formatBytes, memoryBytes } from '../../lib/core/quantity';

const MI = 2 ** 20;

describe('quantities', () => {
  test.each([
    ['100m', 100], ['1.5', 1500], ['2', 2000], ['1.1', 1100], ['0.25', 250], ['.5', 500], ['1e-1', 100], ['250000u', 250], ['1k', 1_000_000],
  ])('CPU %s is %d millicores', (q, millis) => expect(cpuMillis(q)).toBe(millis));

  test.each([
    ['128Mi', 128 * MI], ['1Gi', 1024 * MI], ['1.5Gi', 1536 * MI], ['1G', 1e9], ['500M', 5e8], ['64Ki', 65536], ['1e3', 1000], ['2048', 2048],
  ])('memory %s is %d bytes', (q, bytes) => expect(memoryBytes(q)).toBe(bytes));

  test.each(['', 'abc', '-1', '1Xi', '1.2.3', 'Mi'])('%j is not a quantity', q => {
    expect(cpuMillis(q)).toBeUndefined();
    expect(memoryBytes(q)).toBeUndefined();
  });

  test('bytes are shown in the largest binary unit that divides them', () => {
    expect([384 * MI, 2048 * MI, 1536 * MI, 1e9, 0].map(formatBytes)).toEqual(['384Mi', '2Gi', '1536Mi', '953.67Mi', '0']);
  });
});
