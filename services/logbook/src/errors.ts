// The logbook's own error: every other answer is the service kit's `{error, error_description}`.
import { errorKind } from '@keyhold/service-kit/http-error'

export const Conflict = errorKind(409, 'conflict')
