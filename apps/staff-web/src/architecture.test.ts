// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The staff web's layout, checked so it stays the shape the backend has (README "File map"):
 *
 *   main.tsx, app.tsx          the entry and the composition root (routes); only they import any feature
 *   api/                       the generated client and its wrapper: .ts only, imports nothing outside api/
 *   shared/                    UI and hooks every feature uses; imports api/ and shared/ only
 *   features/<context>/<feature>/
 *                              a screen and its logic; <context> is a backend context (a folder under libs/);
 *                              imports api/, shared/ and features of its own context, never another context's
 *
 * Paths are relative to src/; `files` maps each path to its source (empty for files that are not code).
 */
export function layoutViolations(files: Record<string, string>, contexts: readonly string[]): string[] {
  const found: string[] = [];
  const ROOT_FILES = new Set(['main.tsx', 'app.tsx', 'styles.css', 'test-setup.ts', 'architecture.test.ts']);
  const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/;
  const placeOf = (path: string): { area: 'root' | 'api' | 'shared' | 'feature' | 'nowhere'; context?: string } => {
    const parts = path.split('/');
    if (parts.length === 1) return ROOT_FILES.has(path) ? { area: 'root' } : { area: 'nowhere' };
    if (parts[0] === 'api') return { area: 'api' };
    if (parts[0] === 'shared') return { area: 'shared' };
    if (parts[0] === 'features' && parts.length >= 4 && contexts.includes(parts[1]!)) return { area: 'feature', context: parts[1]! };
    return { area: 'nowhere' };
  };

  for (const [path, source] of Object.entries(files)) {
    const place = placeOf(path);
    const name = posix.basename(path);
    if (!KEBAB.test(name)) found.push(`${path}: file names are kebab-case`);
    if (place.area === 'nowhere') {
      found.push(
        path.startsWith('features/')
          ? `${path}: a feature file lives in features/<context>/<feature>/, <context> one of ${contexts.join(', ')}`
          : `${path}: outside features/<context>/<feature>/, shared/ and api/ (the root holds only ${[...ROOT_FILES].join(', ')})`,
      );
    }
    if (place.area === 'api' && !/\.(ts|json)$/.test(name)) found.push(`${path}: api/ holds the client, no components`);
    if (!/\.tsx?$/.test(name)) continue;

    for (const spec of ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName)) {
      if (!spec.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(path), spec));
      // A module at the root of src/ (app, main) counts as the root whatever its extension.
      const to = target.includes('/') ? placeOf(target) : { area: 'root' as const, context: undefined };
      const refused =
        (target.startsWith('..') && 'outside src/') ||
        (place.area === 'api' && to.area !== 'api' && 'api/ imports only api/') ||
        (place.area === 'shared' && to.area !== 'api' && to.area !== 'shared' && 'shared/ imports only api/ and shared/') ||
        (place.area === 'feature' && to.area === 'root' && 'a feature never imports the entry or the composition root') ||
        (place.area === 'feature' &&
          to.area === 'feature' &&
          to.context !== place.context &&
          `a ${place.context} feature imports another context's feature (${to.context}); move what both need to shared/`);
      if (refused) found.push(`${path} imports ${spec}: ${refused}`);
    }
  }
  return found.sort();
}

const SRC = fileURLToPath(new URL('.', import.meta.url));
const LIBS = fileURLToPath(new URL('../../../libs/', import.meta.url));

function sourceTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(posix.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (rel === 'api/generated') continue;
    if (entry.isDirectory()) Object.assign(files, sourceTree(dir, rel));
    else files[rel] = /\.tsx?$/.test(entry.name) ? readFileSync(posix.join(dir, rel), 'utf8') : '';
  }
  return files;
}

const CONTEXTS = readdirSync(LIBS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe('staff-web layout', () => {
  it('takes its contexts from the backend (libs/)', () => {
    expect(CONTEXTS).toEqual(expect.arrayContaining(['cl', 'pm', 'hr', 'platform']));
  });

  it("puts every file of src/ where the file map says, and no feature imports another context's feature", () => {
    const tree = sourceTree(SRC);
    expect(Object.keys(tree)).toContain('features/cl/patients/patients-page.tsx');
    expect(layoutViolations(tree, CONTEXTS)).toEqual([]);
  });

  it('accepts the shapes the layout allows', () => {
    const ok = {
      'main.tsx': "import { App } from './app';\nimport './styles.css';",
      'app.tsx':
        "import { ChargesPage } from './features/pm/charges/charges-page';\nimport { PatientsPage } from './features/cl/patients/patients-page';",
      'api/client.ts': "import type { paths } from './generated/schema';",
      'shared/pager.tsx': "import { api } from '../api/client';\nimport { Modal } from './modal';",
      'features/cl/group-sessions/group-session-page.tsx':
        "import { AttendanceStatus } from '../patients/chart-encounters';\nimport { TableWrap } from '../../../shared/table-wrap';\nimport type { Me } from '../../../api/client';",
      'features/cl/group-encounters/review/review-dialog.tsx': "import { codeWords } from '../../../../shared/code-words';",
    };
    expect(layoutViolations(ok, CONTEXTS)).toEqual([]);
  });

  it('refuses a page outside features/<context>/<feature>/ and a context the backend does not have', () => {
    expect(
      layoutViolations(
        {
          'pages/patients-page.tsx': '',
          'charges-page.tsx': '',
          'features/cl/patients-page.tsx': '',
          'features/billing/charges/charges-page.tsx': '',
          'features/pm/charges/ChargesPage.tsx': '',
          'api/problem-view.tsx': '',
        },
        CONTEXTS,
      ),
    ).toEqual([
      'api/problem-view.tsx: api/ holds the client, no components',
      expect.stringMatching(/^charges-page\.tsx: outside features\/<context>\/<feature>\//),
      expect.stringMatching(/^features\/billing\/charges\/charges-page\.tsx: a feature file lives in features\/<context>\/<feature>\//),
      expect.stringMatching(/^features\/cl\/patients-page\.tsx: a feature file lives in features\/<context>\/<feature>\//),
      'features/pm/charges/ChargesPage.tsx: file names are kebab-case',
      expect.stringMatching(/^pages\/patients-page\.tsx: outside features\/<context>\/<feature>\//),
    ]);
  });

  it("refuses a feature importing another context's feature, the composition root, or shared/ importing a feature", () => {
    expect(
      layoutViolations(
        {
          'features/pm/charges/charges-page.tsx':
            "import { codeWords } from '../../cl/group-encounters/group-review';\nimport type { Generation } from '../../cl/group-encounters/generation-fixture';",
          'features/hr/provider-productivity/provider-productivity-page.tsx': "const m = await import('../../cl/patients/patients-page');",
          'features/cl/patients/patients-page.tsx': "import { App } from '../../../app';",
          'shared/staff-names.tsx': "import { NAV } from '../features/platform/shell/nav';",
          'api/client.ts': "import { ErrorMessage } from '../shared/error-message';",
          'shared/escape.ts': "import { x } from '../../e2e/harness';",
        },
        CONTEXTS,
      ),
    ).toEqual([
      'api/client.ts imports ../shared/error-message: api/ imports only api/',
      'features/cl/patients/patients-page.tsx imports ../../../app: a feature never imports the entry or the composition root',
      "features/hr/provider-productivity/provider-productivity-page.tsx imports ../../cl/patients/patients-page: a hr feature imports another context's feature (cl); move what both need to shared/",
      "features/pm/charges/charges-page.tsx imports ../../cl/group-encounters/generation-fixture: a pm feature imports another context's feature (cl); move what both need to shared/",
      "features/pm/charges/charges-page.tsx imports ../../cl/group-encounters/group-review: a pm feature imports another context's feature (cl); move what both need to shared/",
      'shared/escape.ts imports ../../e2e/harness: outside src/',
      'shared/staff-names.tsx imports ../features/platform/shell/nav: shared/ imports only api/ and shared/',
    ]);
  });
});
