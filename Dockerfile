# syntax=docker/dockerfile:1
# Node 24 (LTS) on Debian 13 "trixie" (stable; bookworm reached end of life in June 2026).
# Build stage: compile TypeScript with the dev dependencies.
FROM node:24-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies only, non-root.
# --omit=optional too: typescript is an optional peer of two production dependencies
# (valibot, cosmiconfig), so --omit=dev alone still installs it (23 MB); the other optional
# packages are a Handlebars precompile minifier and a msgpackr speed-up Herald does not need.
FROM node:24-trixie-slim
ENV NODE_ENV=production
# Where a ROLE=worker container serves /metrics, /healthz and /readyz (loopback unless HOST
# says otherwise); API containers serve them on PORT and ignore this.
ENV METRICS_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY templates ./templates
# the console's stylesheet and script (the build stage compiles only the TypeScript)
COPY src/console/assets ./src/console/assets
USER node
EXPOSE 3000
# GET /healthz of this container's process: the API on PORT, a worker on METRICS_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 CMD ["node", "dist/src/healthcheck.js"]
CMD ["node", "dist/src/main.js"]
