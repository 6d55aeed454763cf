// The pages a person uses on their own before and around signing in: sign-up, email verification, password reset, and
// in development the outbox of mail kept in this process.
import type { FastifyInstance } from 'fastify'
import devOutboxPage from './dev-outbox.js'
import forgotPasswordPages from './forgot-password.js'
import resetPasswordPages from './reset-password.js'
import signUpPages from './sign-up.js'
import verifyEmailPages from './verify-email.js'

export default async function selfServicePages (app: FastifyInstance): Promise<void> {
  await app.register(signUpPages)
  await app.register(verifyEmailPages)
  await app.register(forgotPasswordPages)
  await app.register(resetPasswordPages)
  await app.register(devOutboxPage)
}
