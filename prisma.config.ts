import { defineConfig } from 'prisma/config';

// Read by the prisma CLI (generate). Migrations are applied by tools/db (the WebAssembly schema engine,
// see docs/adr/0001-offline-migrations.md); DATABASE_OWNER_URL may be unset during `prisma generate`.
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_OWNER_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://localhost/cairn' },
});
