// The identity service's layers, checked by `pnpm layers`: pages and account APIs sit above the OAuth endpoints,
// which sit above clients, storage and crypto. An import may only point down.
const auth = 'services/auth/src'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'oauth-below-interaction',
      comment: 'oauth/ is called by the interaction layer through AuthorizationInteraction; it never imports the pages, accounts or admin.',
      severity: 'error',
      from: { path: `^${auth}/oauth/` },
      to: { path: `^${auth}/(interaction|accounts|admin)/` }
    },
    {
      name: 'stores-and-clients-below-oauth',
      comment: 'Clients, storage and crypto know nothing of the endpoints or pages that use them.',
      severity: 'error',
      from: { path: `^${auth}/(storage|clients|crypto|migrations)/` },
      to: { path: `^${auth}/(oauth|interaction|accounts|admin|health|delivery)/` }
    },
    {
      name: 'apis-below-oauth',
      comment: 'The API registry is what the protocol checks requests against; it knows nothing of the endpoints or pages.',
      severity: 'error',
      from: { path: `^${auth}/apis/` },
      to: { path: `^${auth}/(oauth|interaction|accounts|admin)/` }
    },
    {
      name: 'delivery-below-protocol',
      comment: 'Outbound deliveries carry whatever the protocol hands them (logout tokens, webhooks); they know nothing of it.',
      severity: 'error',
      from: { path: `^${auth}/delivery/` },
      to: { path: `^${auth}/(oauth|interaction|accounts|admin)/` }
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(services|packages)/[^/]+/src/' },
      to: { circular: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { conditionNames: ['keyhold-source', 'import', 'types', 'default'] }
  }
}
