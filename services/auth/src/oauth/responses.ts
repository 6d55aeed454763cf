// Response schemas every endpoint shares: the OAuth error body for each failure status.
import { OAuthErrorBody } from '@keyhold/contracts'

export const errorResponses = { '4xx': OAuthErrorBody, '5xx': OAuthErrorBody } as const
