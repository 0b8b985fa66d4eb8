import { defineConfig } from 'drizzle-kit';

// Hub (PostgreSQL) migrations, apart from the desktop's SQLite ones in drizzle/desktop.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/hub/db/schema.ts',
  out: './drizzle/hub',
});
