// The one place errors become responses: `{error, error_description}` bodies, no stack traces,
// 503 when the database is away.
import { jsonApiErrorHandler } from '@keyhold/service-kit/http-error'

export default jsonApiErrorHandler()
