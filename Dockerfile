FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig*.json vitest.config.mts schema.graphql ./
COPY rules rules
COPY server server
COPY migrations migrations
COPY bench bench
COPY admin-ui admin-ui
COPY scripts scripts
COPY data data
RUN npm ci && npm prune --omit=dev
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
EXPOSE 4000
CMD ["node", "dist/server/main.js"]
