# syntax=docker/dockerfile:1
# One image recipe for every Keyhold service: docker build --build-arg SERVICE=auth|resource|demo .
# The three share a workspace, a lockfile and a build, so one file keeps them alike and lets Docker
# reuse the dependency download layer across them.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm CI=true
RUN npm i -g pnpm@10
WORKDIR /src
# Packages are fetched from the lockfile alone: this layer changes only when dependencies do.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=keyhold-pnpm,target=/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
ARG SERVICE
RUN test -n "$SERVICE" || { echo 'build with --build-arg SERVICE=auth|resource|demo' >&2; exit 1; }
# --filter-prod: the workspace packages a service runs on, not those its tests start (the demo's tests run the identity service).
RUN --mount=type=cache,id=keyhold-pnpm,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline --filter-prod "@keyhold/${SERVICE}..." \
 && pnpm --filter-prod "@keyhold/${SERVICE}..." build \
 && pnpm --filter "@keyhold/${SERVICE}" deploy --prod --legacy --offline /out

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
# Where a compose deployment keeps the OAuth client credentials it provisions (see deploy/provision.mjs).
RUN mkdir -p /var/lib/keyhold/credentials && chown -R node:node /var/lib/keyhold
# Code and dependencies stay owned by root: the service user can read them, not change them.
COPY --from=build /out/package.json ./
COPY --from=build /out/node_modules ./node_modules
COPY --from=build /out/dist ./dist
COPY deploy/provision.mjs ./deploy/provision.mjs
USER node
CMD ["node", "dist/server.js"]
