// The administrator's signing-key API: list keys, add a key (published now, signing from the next start).
import type { FastifyInstance } from 'fastify'
import { errorResponses, SigningKeyInfo, SigningKeyList } from '@keyhold/contracts'

export default async function adminKeys (app: FastifyInstance): Promise<void> {
  const describe = async (): Promise<SigningKeyInfo[]> => (await app.signing.keys()).map((key) => ({
    kid: key.kid,
    alg: key.alg,
    created_at: key.createdAt.toISOString(),
    rotated_at: key.rotatedAt?.toISOString() ?? null,
    signing: key.kid === app.signing.kid
  }))

  app.get('/keys', { schema: { response: { 200: SigningKeyList, ...errorResponses } } }, async () => ({ keys: await describe() }))

  app.post('/keys', { schema: { response: { 201: SigningKeyInfo, ...errorResponses } } }, async (_request, reply) => {
    const kid = await app.signing.rotate()
    const added = (await describe()).find((key) => key.kid === kid)!
    return reply.code(201).send(added)
  })
}
