# syntax=docker/dockerfile:1
# Cairn's production image: the compiled API, worker and migration CLI and the staff web and client portal bundles
# (npm run build; the portal is served to requests for PORTAL_WEB_HOST, which a deployment sets to its portal's name),
# on production dependencies only, as the unprivileged user `node`. One image, three commands:
#   node --enable-source-maps dist/apps/api/main.js       the API (serves the staff web and the portal)  [default]
#   node --enable-source-maps dist/apps/worker/main.js    the worker
#   node --enable-source-maps dist/tools/db/cli.js migrate   migrations and the app role, as the owner role
# docker-compose.yml runs them with PostgreSQL and Redis; docs/operations.md describes the environment.
# The Node.js line the code is tested on. Node 20 is past its end of life: move to 22 once the test suite
# has run on it.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: every dependency, the Prisma client, then npm run build's work ---------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing needs them (native pieces come as prebuilt platform packages), and @prisma/engines'
# would download binaries the build does not use.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# What tools/bootstrap.cjs does before `npm run build`: generate the Prisma client (WebAssembly only; the CLI
# insists on a schema-engine binary path, any executable will do), then compile and bundle.
RUN PRISMA_SCHEMA_ENGINE_BINARY="$(command -v node)" PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 npx prisma generate \
 && node -r @swc-node/register tools/build/build.ts

# --- production dependencies only --------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- the image ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    STAFF_WEB_DIR=/app/dist/apps/staff-web \
    PORTAL_WEB_DIR=/app/dist/apps/portal-web \
    PORTAL_WEB_HOST=portal.localhost \
    AUDIT_CHECKPOINT_DIR=/var/lib/cairn/audit-checkpoints \
    API_PORT=3000 \
    WORKER_PORT=3001
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# The code is read-only for the user that runs it; only the checkpoint directory is its to write.
RUN mkdir -p /var/lib/cairn/audit-checkpoints && chown node:node /var/lib/cairn/audit-checkpoints
USER node
EXPOSE 3000 3001
# Liveness of whichever app the container runs (HEALTHCHECK_PORT: WORKER_PORT for the worker, set by compose).
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTHCHECK_PORT || process.env.API_PORT || 3000}/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The apps drain on SIGTERM (requests, jobs in flight) within 25 s: give the container 30 s (compose: stop_grace_period).
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/apps/api/main.js"]
