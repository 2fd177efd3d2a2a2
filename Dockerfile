# syntax=docker/dockerfile:1.10
# One image per app, from one Dockerfile: `--build-arg APP=app-router` or `APP=pages-router`. For hosting the apps
# beside a self-hosted Convex backend (packages/deploy/self-hosted) instead of on Vercel. README.md, "Deploy", shows
# the whole command. Stages:
#   prune    turbo prune: only the app's workspace packages and their part of the lockfile;
#   build    pnpm install (the lockfile's dependency layer first, so source changes reuse it), then the app's turbo
#            build with NEXT_OUTPUT=standalone (Next's standalone server; everywhere else the apps keep `next start`);
#   runtime  the standalone server and static files only, as the unprivileged `node` user.
# Build-time values: NEXT_PUBLIC_* are baked into the browser bundle, so they are build args; the app's env check
# (next.config.ts) also wants the server secrets at build time: they come as BuildKit secrets, which never reach a
# layer. At run time the same variables are set on the container and validated when the server starts.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1
# pnpm at the version package.json's packageManager names.
RUN corepack enable
WORKDIR /repo

FROM base AS prune
ARG APP
RUN case "$APP" in app-router|pages-router) ;; *) echo "build with --build-arg APP=app-router or APP=pages-router" >&2; exit 1;; esac
COPY . .
# The version in pnpm-workspace.yaml's catalog.
RUN pnpm dlx turbo@2.11.11 prune "@repo/${APP}" --docker

FROM base AS build
ARG APP
COPY --from=prune /repo/out/json/ .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile
COPY --from=prune /repo/out/full/ .
ARG AUTH_PROVIDER=clerk
ARG NEXT_PUBLIC_CONVEX_URL
ARG NEXT_PUBLIC_CONVEX_SITE_URL
ARG NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY
ARG NEXT_PUBLIC_CLERK_PROXY_URL
ARG AUTH0_DOMAIN
ARG AUTH0_CLIENT_ID
ARG APP_BASE_URL
ARG APP_ROUTER_URL
ARG PAGES_ROUTER_URL
ENV AUTH_PROVIDER=$AUTH_PROVIDER \
    NEXT_PUBLIC_CONVEX_URL=$NEXT_PUBLIC_CONVEX_URL \
    NEXT_PUBLIC_CONVEX_SITE_URL=$NEXT_PUBLIC_CONVEX_SITE_URL \
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=$NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY \
    NEXT_PUBLIC_CLERK_PROXY_URL=$NEXT_PUBLIC_CLERK_PROXY_URL \
    AUTH0_DOMAIN=$AUTH0_DOMAIN \
    AUTH0_CLIENT_ID=$AUTH0_CLIENT_ID \
    APP_BASE_URL=$APP_BASE_URL \
    APP_ROUTER_URL=$APP_ROUTER_URL \
    PAGES_ROUTER_URL=$PAGES_ROUTER_URL \
    NEXT_OUTPUT=standalone
RUN --mount=type=secret,id=CLERK_SECRET_KEY,env=CLERK_SECRET_KEY \
    --mount=type=secret,id=AUTH0_CLIENT_SECRET,env=AUTH0_CLIENT_SECRET \
    --mount=type=secret,id=AUTH0_SECRET,env=AUTH0_SECRET \
    pnpm exec turbo run build --filter="@repo/${APP}"

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    APP=${APP}
WORKDIR /app
# Owned by root, so the server cannot rewrite its own code; only Next's cache folder is the server's to write.
COPY --from=build /repo/apps/${APP}/.next/standalone ./
COPY --from=build /repo/apps/${APP}/.next/static ./apps/${APP}/.next/static
RUN mkdir -p "apps/${APP}/.next/cache" && chown node:node "apps/${APP}/.next/cache"
USER node
EXPOSE 3000
# The app's instrumentation.ts validates the env (the same schema as `next dev`) before the server takes requests.
CMD ["sh", "-c", "exec node \"apps/${APP}/server.js\""]
