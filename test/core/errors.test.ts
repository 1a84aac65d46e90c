import { propError, show } from '../../lib/core/errors';
import { NetworkPolicyPeer } from '../../lib';

describe('how an error shows the value', () => {
  test('the unset fields of a props object are named, not dropped (an object of unset props does not read "{}")', () => {
    expect(show({ stepWeight: undefined, stepWeights: undefined })).toBe('{"stepWeight":undefined,"stepWeights":undefined}');
    expect(propError('app', 'analysis.stepWeight', { stepWeight: 10, stepWeights: undefined }, 'set exactly one').message)
      .toBe('app: invalid \'analysis.stepWeight\' ({"stepWeight":10,"stepWeights":undefined}): set exactly one');
  });

  test('instances of the library\'s classes keep their unset fields out; strings, numbers JSON has no form for, and undefined read plainly', () => {
    expect(show([NetworkPolicyPeer.ipBlock('10.0.0.0/8')])).toBe('[{"kind":"ipBlock","cidr":"10.0.0.0/8"}]');
    expect([show('a'), show(Number.NaN), show(undefined), show([undefined, 1])]).toEqual(['"a"', 'NaN', 'undefined', '[undefined,1]']);
  });
});
