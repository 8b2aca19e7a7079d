# Kopā production image. There is no Docker engine on the project's machines: CI's
# scripts/ci/production-image.sh rebuilds the runtime stage below without one and runs it.
# It copies exactly what this file's last stage COPYs, read from the COPY lines themselves
# (sources from `--from=build`, `--from=deps` or the repository; the destination last).

# 1. Compile TypeScript to dist/ with every dependency, dev ones included.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only: no compiler, no jest, and not the `node` devDependency
#    (a second Node binary of ~190 MB; the image already has Node 24).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime image. The code stays owned by root; the node user may write only to data/.
FROM node:24-bookworm-slim
# glibc's malloc as `npm start` sets it (README, "Start"): large blocks go back to the system when freed.
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    PORT=3000 \
    DATA_DIR=/app/data \
    UPLOAD_DIR=/app/data/uploads
WORKDIR /app
COPY package.json ./
# node_modules also serves the browser libraries (leaflet, leaflet.markercluster) under /vendor.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY views ./views
COPY public ./public
COPY locales ./locales
RUN mkdir -p /app/data/uploads && chown -R node:node /app/data
USER node
EXPOSE 3000
# Slim images have no curl: ask Node's built-in fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Not `npm start`: that compiles again, and the compiler is not in this image. The flag is npm
# start's: on the embedded database it keeps PGlite's WebAssembly on V8's baseline compiler (less memory).
CMD ["node", "--liftoff-only", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/server/main.js"]
