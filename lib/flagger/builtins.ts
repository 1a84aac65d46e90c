/** Flagger's builtin metric for the share of non-5xx responses. @internal */
export const BUILTIN_SUCCESS_RATE = 'request-success-rate';
/** Flagger's builtin metric for request duration in milliseconds. @internal */
export const BUILTIN_DURATION = 'request-duration';

/** What each builtin metric measures, in the words of a rollout plan. @internal */
export const BUILTIN_MEANINGS: Record<string, string> = {
  [BUILTIN_SUCCESS_RATE]: 'percentage of requests answered without a 5xx',
  [BUILTIN_DURATION]: 'request duration in milliseconds (P99; a mean on nginx)',
};
