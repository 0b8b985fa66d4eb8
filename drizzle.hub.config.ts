import { defineConfig } from 'drizzle-kit';

// Hub (PostgreSQL) migrations, apart from the desktop's SQLite ones in drizzle/desktop: the hub's
// own tables, and its copy of the tables it syncs down to desks (built from the desk's).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/hub/db/schema.ts', './scripts/hub-schema.ts'],
  out: './drizzle/hub',
});
