import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import * as ts from 'typescript';

import { useCaseGenerator } from './index';

const root = join(__dirname, '../../..');
const PATIENTS_MODULE = 'libs/cl/src/patients/patients.module.ts';

describe('nx g @cairn/tools:use-case', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    // The real feature module, so registration is proven on the shape the contexts have.
    tree.write(PATIENTS_MODULE, readFileSync(join(root, PATIENTS_MODULE), 'utf8'));
    tree.write('libs/cl/src/cl.tx.ts', readFileSync(join(root, 'libs/cl/src/cl.tx.ts'), 'utf8'));
  });

  it('stamps a command folder: message, @TenantUseCase handler and its spec, in the skeleton', async () => {
    await useCaseGenerator(tree, { context: 'cl', feature: 'patients', name: 'archive-patient', kind: 'command' });
    const dir = 'libs/cl/src/patients/commands/archive-patient';
    expect(tree.children(dir).sort()).toEqual([
      'archive-patient.command.ts',
      'archive-patient.handler.spec.ts',
      'archive-patient.handler.ts',
    ]);
    expect(tree.read(`${dir}/archive-patient.command.ts`, 'utf8')).toContain('export class ArchivePatientCommand extends Command<null>');
    const handler = tree.read(`${dir}/archive-patient.handler.ts`, 'utf8')!;
    expect(handler).toContain('@CommandHandler(ArchivePatientCommand)');
    expect(handler).toContain(
      "@TenantUseCase(ArchivePatientCommand, { audit: { action: 'patient.archive', resource: 'patient', id: (m) => m.patientId } })",
    );
    expect(handler).toContain('export class ArchivePatientHandler implements ClUseCaseHandler<ArchivePatientCommand, null>');
    // CL's own transaction type, never the whole client (tools/lint-fixtures/table-ownership.spec.ts).
    expect(handler).toContain("import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';");
    expect(tree.read(`${dir}/archive-patient.handler.spec.ts`, 'utf8')).toContain("toBe('patient.archive')");
  });

  it('stamps a query under queries/ with a QueryHandler', async () => {
    await useCaseGenerator(tree, { context: 'cl', feature: 'patients', name: 'get-care-team', kind: 'query' });
    const handler = tree.read('libs/cl/src/patients/queries/get-care-team/get-care-team.handler.ts', 'utf8')!;
    expect(handler).toContain('@QueryHandler(GetCareTeamQuery)');
    expect(handler).toContain("action: 'care-team.get', resource: 'care_team', id: (m) => m.careTeamId");
    expect(tree.exists('libs/cl/src/patients/queries/get-care-team/get-care-team.query.ts')).toBe(true);
  });

  it('registers the handler in the feature module once, after its imports', async () => {
    await useCaseGenerator(tree, { context: 'cl', feature: 'patients', name: 'archive-patient', kind: 'command' });
    const module = tree.read(PATIENTS_MODULE, 'utf8')!;
    expect(module).toMatch(/providers: \[ArchivePatientHandler, /);
    expect(module).toContain("import { ArchivePatientHandler } from './commands/archive-patient/archive-patient.handler';\n\n/**");
    expect(module.match(/ArchivePatientHandler/g)).toHaveLength(2);
  });

  it('writes TypeScript without syntax errors', async () => {
    await useCaseGenerator(tree, { context: 'cl', feature: 'patients', name: 'archive-patient', kind: 'command' });
    const dir = 'libs/cl/src/patients/commands/archive-patient';
    for (const file of [...tree.children(dir).map((f) => `${dir}/${f}`), PATIENTS_MODULE]) {
      const out = ts.transpileModule(tree.read(file, 'utf8')!, {
        reportDiagnostics: true,
        compilerOptions: { experimentalDecorators: true },
      });
      expect({ file, diagnostics: out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) }).toEqual({
        file,
        diagnostics: [],
      });
    }
  });

  it('refuses a missing context or feature, a name that is not verb-noun, and an existing use case', async () => {
    await expect(useCaseGenerator(tree, { context: 'xx', feature: 'patients', name: 'archive-patient' })).rejects.toThrow(
      'no context library libs/xx/src',
    );
    await expect(useCaseGenerator(tree, { context: 'cl', feature: 'nope', name: 'archive-patient' })).rejects.toThrow('no feature module');
    tree.write('libs/xy/src/things/things.module.ts', 'providers: []');
    await expect(useCaseGenerator(tree, { context: 'xy', feature: 'things', name: 'archive-thing' })).rejects.toThrow(
      'no libs/xy/src/xy.tx.ts',
    );
    await expect(useCaseGenerator(tree, { context: 'cl', feature: 'patients', name: 'Archive' })).rejects.toThrow('kebab-case verb-noun');
    await useCaseGenerator(tree, { context: 'cl', feature: 'patients', name: 'archive-patient' });
    await expect(useCaseGenerator(tree, { context: 'cl', feature: 'patients', name: 'archive-patient' })).rejects.toThrow('exists already');
  });
});
