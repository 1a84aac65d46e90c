/** Flagger's builtin metric for the share of non-5xx responses. @internal */
export const BUILTIN_SUCCESS_RATE = 'request-success-rate';
/** Flagger's builtin metric for request duration in milliseconds. @internal */
export const BUILTIN_DURATION = 'request-duration';
