// drizzle-kit writes foreign keys as REFERENCES "public"."table": the hub's tables would then
// always point into the public schema. Unqualified, they follow the search path, so a hub may
// live in a schema of its own (tests, several hubs on one server). Run after drizzle-kit generate.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'drizzle', 'hub');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const fixed = text.replaceAll('"public".', '');
  if (fixed !== text) {
    writeFileSync(path, fixed);
    console.log(`unqualified ${file}`);
  }
}
