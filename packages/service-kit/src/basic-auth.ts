// Client credentials as an HTTP Basic header (RFC 6749 §2.3.1): each part form-urlencoded before base64.

const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+')

export const basicAuthorization = (clientId: string, clientSecret: string): string =>
  `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`
