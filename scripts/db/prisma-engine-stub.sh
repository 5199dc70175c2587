#!/bin/sh
# Stand-in for Prisma's native schema engine (PRISMA_SCHEMA_ENGINE_BINARY).
# These machines are offline: the CLI cannot download the native engine. `prisma generate`
# (and validate/format) only need the variable to point at an executable and never run it.
# Migrations go through scripts/db/migrate.ts (WASM schema engine + driver adapters).
echo "prisma-engine-stub: the native Prisma schema engine is not available offline." >&2
echo "Use 'npm run db:migrate' / 'npm run db:migration:create -- <name>' (scripts/db/migrate.ts) instead of 'prisma migrate' / 'prisma db push'." >&2
exit 1
