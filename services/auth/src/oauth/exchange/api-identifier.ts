// The identifiers of APIs in exchange policies and in `resource` (RFC 8707 §2, RFC 8693 §2.1): absolute URIs.

// RFC 3986 §4.3 absolute-URI: a scheme, then printable ASCII without a fragment.
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[\x21\x22\x24-\x7e]+$/

export const isAbsoluteUri = (value: string): boolean => ABSOLUTE_URI.test(value) && URL.canParse(value)
