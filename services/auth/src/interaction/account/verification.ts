// The mail that proves a new email address the user's: where the profile page asks for it to be sent.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { User } from '../../storage/types.js'

/** Until verification links exist, a new address stays unverified (email_verified false) and nothing is sent. */
export async function sendVerificationMail (_app: FastifyInstance, _request: FastifyRequest, _user: User): Promise<void> {}
