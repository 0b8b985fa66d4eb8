/**
 * The layer rule of DESIGN.md, checked on every import:
 *   src/core      imports only src/core and a few pure packages (no node:*, electron, react, I/O)
 *   src/renderer  never imports src/main, src/hub, electron or Node built-ins
 *   src/hub       never imports src/main or src/renderer
 *   src/main      never imports src/renderer or src/hub; only src/main/electron imports 'electron'
 *   src/preload   imports electron and src/core only
 *   src/platform  Node-side code the desktop and the hub share (ids, password hashing): it
 *                 imports src/core and Node only; src/main and src/hub may import it
 * and, inside src/main, the generated demo data is a first-start convenience, never a source
 * of truth: nothing outside src/main/demo imports it but the composition root (src/main/app.ts),
 * which decides whether an empty store gets a demo set. The hub's demo set is the desk's own,
 * generated into a scratch store and copied up: the hub is handed that generator by its entry
 * script (scripts/hub.ts), so no hub file imports src/main.
 */
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const BUILTINS = new Set(builtinModules);
const CORE_PACKAGES = ['zod', 'libphonenumber-js'];
// stdlib's distribution functions are pure numeric code (no I/O): core's statistics use them.
const isCorePackage = (pkg) => CORE_PACKAGES.includes(pkg) || pkg.startsWith('@stdlib/stats-base-dists-');

function layerOf(absPath, root) {
  const rel = relative(root, absPath).split(sep).join('/');
  if (rel.startsWith('src/main/electron/') || rel === 'src/main/electron') return 'electron-main';
  for (const layer of ['core', 'main', 'preload', 'renderer', 'hub', 'platform']) {
    if (rel === `src/${layer}` || rel.startsWith(`src/${layer}/`)) return layer;
  }
  return null;
}

function packageName(source) {
  if (source.startsWith('node:')) return source;
  const parts = source.split('/');
  return source.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const isBuiltin = (pkg) => pkg.startsWith('node:') || BUILTINS.has(pkg);

function check(fromLayer, source, targetLayer) {
  const pkg = targetLayer === undefined ? packageName(source) : null;
  switch (fromLayer) {
    case 'core':
      if (pkg !== null) return isCorePackage(pkg) ? null : `src/core is pure: it may not import '${source}'`;
      return targetLayer === 'core' ? null : `src/core may not import from src/${targetLayer ?? 'outside'}`;
    case 'renderer':
      if (pkg !== null) {
        if (pkg === 'electron' || isBuiltin(pkg) || pkg === 'better-sqlite3' || pkg.startsWith('drizzle')) return `src/renderer may not import '${source}'`;
        return null;
      }
      return targetLayer === 'main' || targetLayer === 'electron-main' || targetLayer === 'hub' || targetLayer === 'platform'
        ? `src/renderer may not import from src/${targetLayer === 'electron-main' ? 'main' : targetLayer}`
        : null;
    case 'hub':
      if (pkg === 'electron') return `src/hub may not import electron`;
      return targetLayer === 'main' || targetLayer === 'electron-main' || targetLayer === 'renderer'
        ? `src/hub may not import from src/${targetLayer === 'electron-main' ? 'main' : targetLayer}`
        : null;
    case 'main':
      if (pkg === 'electron') return `only src/main/electron may import electron`;
      return targetLayer === 'renderer' || targetLayer === 'hub' ? `src/main may not import from src/${targetLayer}` : null;
    case 'electron-main':
      return targetLayer === 'renderer' || targetLayer === 'hub' ? `src/main may not import from src/${targetLayer}` : null;
    case 'platform':
      if (pkg === 'electron') return `src/platform may not import electron`;
      if (pkg !== null) return null;
      return targetLayer === 'core' || targetLayer === 'platform' ? null : `src/platform may import only src/core, not src/${targetLayer ?? 'outside'}`;
    case 'preload':
      if (pkg !== null) return pkg === 'electron' ? null : `src/preload may import only electron and src/core, not '${source}'`;
      return targetLayer === 'core' || targetLayer === 'preload' ? null : `src/preload may not import from src/${targetLayer ?? 'outside'}`;
    default:
      return null;
  }
}

const DEMO_DIR = 'src/main/demo';
const COMPOSITION_ROOT = 'src/main/app.ts';

/** Production code never takes anything from the demo generator (see the header). */
function demoProblem(fromFile, target, root) {
  const rel = (p) => relative(root, p).split(sep).join('/');
  const to = rel(target);
  if (to !== DEMO_DIR && !to.startsWith(`${DEMO_DIR}/`)) return null;
  const from = rel(fromFile);
  if (from.startsWith(`${DEMO_DIR}/`) || from === COMPOSITION_ROOT || !from.startsWith('src/')) return null;
  return `only ${COMPOSITION_ROOT} may import from ${DEMO_DIR}: production code does not depend on demo data`;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the one-direction layers of DESIGN.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const filename = context.filename;
    const fromLayer = layerOf(filename, root);
    if (!fromLayer) return {};
    const visit = (node, sourceNode) => {
      if (!sourceNode || typeof sourceNode.value !== 'string') return;
      const source = sourceNode.value;
      const target = source.startsWith('.') ? resolve(dirname(filename), source) : null;
      const targetLayer = target ? layerOf(target, root) : undefined;
      const problem = check(fromLayer, source, targetLayer) ?? (target ? demoProblem(filename, target, root) : null);
      if (problem) context.report({ node: sourceNode, message: problem });
    };
    return {
      ImportDeclaration: (n) => visit(n, n.source),
      ExportNamedDeclaration: (n) => visit(n, n.source),
      ExportAllDeclaration: (n) => visit(n, n.source),
      ImportExpression: (n) => visit(n, n.source),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') visit(n, n.arguments[0]);
      },
    };
  },
};
