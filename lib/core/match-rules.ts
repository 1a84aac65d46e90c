/**
 * The rules of A/B matches (`TrafficMatch`) that every router shares, and the
 * cookie match as a regular expression over the Cookie header. Internal: not
 * exported from the package.
 */
import { propError, Where } from './errors';
import { TrafficMatch, TrafficMatchKind } from './traffic-match';

/** An HTTP token (header, cookie and query parameter names). */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A cookie value: cookie-octets. */
const COOKIE_VALUE = /^[!#$%&'()*+\-./0-9:<=>?@A-Z[\]^_`a-z{|}~]+$/;

/**
 * The rules every router shares for one match (`prop` is its prop path):
 * header names are lowercase HTTP tokens other than `cookie`, cookie and
 * query parameter names are tokens, cookie values cookie-octets, and every
 * value is given.
 */
export function checkTrafficMatch(where: Where, prop: string, m: TrafficMatch) {
  if (m.kind === TrafficMatchKind.COOKIE) {
    if (!HTTP_TOKEN.test(m.name)) throw propError(where, `${prop}.name`, m.name, 'cookie names are HTTP tokens');
    if (!COOKIE_VALUE.test(m.value)) throw propError(where, `${prop}.value`, m.value, 'cookie values are non-empty cookie-octets (no spaces, quotes, commas, semicolons or backslashes)');
    return;
  }
  if (m.kind === TrafficMatchKind.HEADER && (!HTTP_TOKEN.test(m.name) || m.name !== m.name.toLowerCase() || m.name === 'cookie')) {
    throw propError(where, `${prop}.name`, m.name, 'header names are lowercase HTTP tokens (use TrafficMatch.cookie() for cookies)');
  }
  if (m.kind === TrafficMatchKind.QUERY_PARAM && !HTTP_TOKEN.test(m.name)) {
    throw propError(where, `${prop}.name`, m.name, 'query parameter names are HTTP tokens (letters, digits and !#$%&\'*+-.^_`|~)');
  }
  if (typeof m.value !== 'string' || m.value === '') throw propError(where, `${prop}.value`, m.value, 'give the value to compare with');
}

/**
 * A regular expression over the Cookie header that matches requests carrying
 * the cookie `name=value`, wherever it stands among the cookies (they are
 * separated by `; `). Valid in RE2 and ECMAScript.
 */
export function cookieHeaderRegex(name: string, value: string): string {
  return `^(.*?;\\s*)?(${escapeRegex(`${name}=${value}`)})(;.*)?$`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
