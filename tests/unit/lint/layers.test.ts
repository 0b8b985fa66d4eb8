import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** Lints a planted file at a path inside the tree, without writing it. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return result!.messages.filter((m) => m.ruleId === 'ardoise/layers').map((m) => m.message);
}

describe('layer rule (planted files)', () => {
  it.each([
    ['src/core/planted.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /src\/core is pure/],
    ['src/core/planted.ts', "import fs from 'fs';\nexport const x = fs;\n", /src\/core is pure/],
    ['src/core/planted.ts', "import { app } from 'electron';\nexport const x = app;\n", /src\/core is pure/],
    ['src/core/planted.ts', "import { useState } from 'react';\nexport const x = useState;\n", /src\/core is pure/],
    [
      'src/core/billing/planted.ts',
      "import { openStore } from '../../main/store/db';\nexport const x = openStore;\n",
      /src\/core may not import from src\/main/,
    ],
    [
      'src/renderer/src/planted.ts',
      "import { openStore } from '../../main/store/db';\nexport const x = openStore;\n",
      /src\/renderer may not import from src\/main/,
    ],
    ['src/renderer/src/planted.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /src\/renderer may not import 'electron'/],
    ['src/renderer/src/planted.ts', "export const x = import('../../hub/server');\n", /src\/renderer may not import from src\/hub/],
    ['src/main/services/planted.ts', "import { app } from 'electron';\nexport const x = app;\n", /only src\/main\/electron may import electron/],
    ['src/main/store/planted.ts', "const { app } = require('electron');\nexport const x = app;\n", /only src\/main\/electron may import electron/],
    ['src/hub/planted.ts', "import { openStore } from '../main/store/db';\nexport const x = openStore;\n", /src\/hub may not import from src\/main/],
    ['src/platform/planted.ts', "import { openStore } from '../main/store/db';\nexport const x = openStore;\n", /src\/platform may import only src\/core/],
    [
      'src/renderer/src/planted.ts',
      "import { uuidv7 } from '../../platform/ids';\nexport const x = uuidv7;\n",
      /src\/renderer may not import from src\/platform/,
    ],
    [
      'src/main/services/planted.ts',
      "import { DEMO_CATALOG } from '../demo/catalog';\nexport const x = DEMO_CATALOG;\n",
      /only src\/main\/app\.ts may import from src\/main\/demo/,
    ],
    ['src/main/handlers/planted.ts', "export const x = import('../demo/load');\n", /only src\/main\/app\.ts may import from src\/main\/demo/],
  ])('%s: a wrong import fails', async (path, code, message) => {
    const errors = await layerErrors(path, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['src/core/planted.ts', "import { z } from 'zod';\nimport { mulDiv } from './money/money';\nexport const x = [z, mulDiv];\n"],
    ['src/main/electron/planted.ts', "import { app } from 'electron';\nimport { createAppHost } from '../app';\nexport const x = [app, createAppHost];\n"],
    ['src/renderer/src/planted.ts', "import { CONTRACT } from '../../core/api';\nimport { useState } from 'react';\nexport const x = [CONTRACT, useState];\n"],
    ['src/preload/planted.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['src/hub/planted.ts', "import { uuidv7 } from '../platform/ids';\nexport const x = uuidv7;\n"],
    ['src/main/app.ts', "import { ensureDemoData } from './demo/load';\nexport const x = ensureDemoData;\n"],
    ['src/main/demo/planted.ts', "import { DEMO_CATALOG } from './catalog';\nexport const x = DEMO_CATALOG;\n"],
  ])('%s: an allowed import passes', async (path, code) => {
    expect(await layerErrors(path, code)).toEqual([]);
  });
});
