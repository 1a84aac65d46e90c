import { cookieHeaderRegex } from '../../lib/core/match-rules';

describe('cookieHeaderRegex', () => {
  const regex = new RegExp(cookieHeaderRegex('canary', 'always'));

  test.each([
    ['alone', 'canary=always'],
    ['first', 'canary=always; session=abc'],
    ['after another cookie and "; " (what browsers send)', 'session=abc; canary=always'],
    ['in the middle, without a space', 'a=1;canary=always;b=2'],
  ])('matches the cookie %s', (_where, header) => {
    expect(regex.test(header)).toBe(true);
  });

  test.each([
    ['another value', 'canary=never'],
    ['a longer value', 'canary=alwaysnot'],
    ['a longer name', 'xcanary=always'],
    ['the name inside another cookie\'s value', 'session=canary=always'],
  ])('does not match %s', (_what, header) => {
    expect(regex.test(header)).toBe(false);
  });

  test('escapes regex characters of the name and value', () => {
    expect(cookieHeaderRegex('a.b', 'x+y')).toBe('^(.*?;\\s*)?(a\\.b=x\\+y)(;.*)?$');
  });
});
