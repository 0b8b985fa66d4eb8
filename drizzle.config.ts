import { defineConfig } from 'drizzle-kit';

// Desktop (SQLite) migrations. The hub's Postgres migrations live apart in drizzle/hub.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/store/schema.ts',
  out: './drizzle/desktop',
});
