// The one place errors become responses: `{error, error_description}` bodies, no stack traces,
// 503 when the database is away.
import { errorHandlerPlugin, frameworkErrorMapping, invalidRequestWith } from '@keyhold/service-kit/http-error'

const toOAuthError = frameworkErrorMapping({
  places: { body: 'field', querystring: 'query parameter', params: 'path parameter', headers: 'header' },
  unsupportedMediaType: () => invalidRequestWith(415, 'the body must be application/json')
})

export default errorHandlerPlugin(toOAuthError)
