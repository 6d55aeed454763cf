// The client's `state` (RFC 6749 §4.1.1): opaque to us, returned exactly, so only what survives any URL or form.

/** Room for a client's own nonce plus a return path; more is refused rather than carried through every page. */
export const MAX_STATE_LENGTH = 2048

// RFC 6749 Appendix A.5: state is VSCHAR, printable ASCII.
const VSCHARS = /^[\x20-\x7e]*$/

export const isValidState = (state: string): boolean => state.length <= MAX_STATE_LENGTH && VSCHARS.test(state)
