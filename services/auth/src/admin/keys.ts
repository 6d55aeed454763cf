// The administrator's signing-key API: list keys, add a key for an algorithm (published now, signing from the next start).
import type { FastifyInstance } from 'fastify'
import { errorResponses, SigningKeyInfo, SigningKeyList, SigningKeyQuery } from '@keyhold/contracts'

export default async function adminKeys (app: FastifyInstance): Promise<void> {
  const describe = async (): Promise<SigningKeyInfo[]> => (await app.signing.keys()).map((key) => ({
    kid: key.kid,
    alg: key.alg,
    created_at: key.createdAt.toISOString(),
    rotated_at: key.rotatedAt?.toISOString() ?? null,
    signing: app.signing.signingKids().includes(key.kid)
  }))

  app.get('/keys', { schema: { response: { 200: SigningKeyList, ...errorResponses } } }, async () => ({ keys: await describe() }))

  app.post<{ Querystring: SigningKeyQuery }>('/keys', {
    schema: { querystring: SigningKeyQuery, response: { 201: SigningKeyInfo, ...errorResponses } }
  }, async (request, reply) => {
    const kid = await app.signing.rotate(request.query.alg)
    const added = (await describe()).find((key) => key.kid === kid)!
    return reply.code(201).send(added)
  })
}
