# Vigil: one image, the same code as `npm start`. Build: docker build -t vigil .

# The dashboard's static assets, built with the dev dependencies (Vite, Svelte) that the
# runtime image leaves out.
FROM node:20-bookworm-slim AS dashboard
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY dashboard ./dashboard
COPY scripts/build-dashboard.mjs ./scripts/
RUN node scripts/build-dashboard.mjs --force

FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    VIGIL_DATA_DIR=/var/lib/vigil

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Sources only: .dockerignore keeps out tests, docs, data and local modules.
COPY . .
COPY --from=dashboard /app/dashboard/dist ./dashboard/dist

RUN mkdir -p /var/lib/vigil && chown node:node /var/lib/vigil
USER node
VOLUME ["/var/lib/vigil"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "server/main.ts"]
