// Response schemas every route shares: the error body for each failure status.
import { OAuthErrorBody } from '@keyhold/contracts'

export const errorResponses = { '4xx': OAuthErrorBody, '5xx': OAuthErrorBody } as const
