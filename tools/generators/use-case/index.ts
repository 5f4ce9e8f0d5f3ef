import { formatFiles, joinPathFragments, names, type Tree } from '@nx/devkit';

export interface UseCaseSchema {
  /** The context library under libs/ (cl, pm, hr, ...). */
  context: string;
  /** The feature folder under libs/<context>/src/ with its <feature>.module.ts. */
  feature: string;
  /** kebab-case verb-noun: archive-patient. */
  name: string;
  kind?: 'command' | 'query';
}

const VERB_NOUN = /^[a-z]+(-[a-z0-9]+)+$/;

/**
 * Stamps one use case in the context skeleton (libs/<ctx>/src/<feature>/{commands,queries}/<verb-noun>/): the
 * message class, its handler declared as a @TenantUseCase (the pipeline opens the tenant transaction and writes
 * the one audit row), a spec of that declaration, and the handler registered in the feature's module. The handler
 * body throws until it is written: the generator cannot know the use case, and a handler that pretended to work
 * would be worse than one that fails its first call.
 */
export async function useCaseGenerator(tree: Tree, schema: UseCaseSchema): Promise<void> {
  const kind = schema.kind ?? 'command';
  if (kind !== 'command' && kind !== 'query') throw new Error(`--kind must be command or query, not "${String(kind)}"`);
  if (!VERB_NOUN.test(schema.name)) throw new Error(`--name must be kebab-case verb-noun (archive-patient), not "${schema.name}"`);
  const featureDir = joinPathFragments('libs', schema.context, 'src', schema.feature);
  const modulePath = joinPathFragments(featureDir, `${schema.feature}.module.ts`);
  if (!tree.exists(joinPathFragments('libs', schema.context, 'src'))) throw new Error(`no context library libs/${schema.context}/src`);
  if (!tree.exists(modulePath)) throw new Error(`no feature module ${modulePath} (a feature folder has one; see DEVELOPMENT.md)`);
  const folder = joinPathFragments(featureDir, kind === 'command' ? 'commands' : 'queries', schema.name);
  if (tree.exists(folder)) throw new Error(`${folder} exists already`);

  const [verb, ...rest] = schema.name.split('-');
  const subject = rest.join('-');
  const n = {
    message: `${names(schema.name).className}${kind === 'command' ? 'Command' : 'Query'}`,
    handler: `${names(schema.name).className}Handler`,
    idField: `${names(subject).propertyName}Id`,
    action: `${subject}.${verb}`,
    resource: subject.replace(/-/g, '_'),
  };
  const base = kind === 'command' ? 'Command' : 'Query';
  // The context's own transaction and use-case types (libs/<ctx>/src/<ctx>.tx.ts): its handlers never see the whole client.
  const txFile = joinPathFragments('libs', schema.context, 'src', `${schema.context}.tx.ts`);
  if (!tree.exists(txFile)) throw new Error(`no ${txFile} (a context declares its transaction type there; see DEVELOPMENT.md)`);
  const Ctx = names(schema.context).className;
  const decorator = kind === 'command' ? 'CommandHandler' : 'QueryHandler';

  tree.write(
    joinPathFragments(folder, `${schema.name}.${kind}.ts`),
    `import { ${base} } from '@nestjs/cqrs';

/** ${kind === 'command' ? 'What the command changes' : 'What the query answers'}, and what it returns (null: not found in the caller's scope). */
export class ${n.message} extends ${base}<null> {
  constructor(readonly ${n.idField}: string) {
    super();
  }
}
`,
  );

  tree.write(
    joinPathFragments(folder, `${schema.name}.handler.ts`),
    `import { ${decorator} } from '@nestjs/cqrs';
import { TenantUseCase } from '@cairn/platform/use-case';
import type { ${Ctx}UseCase, ${Ctx}UseCaseHandler } from '../../../${schema.context}.tx';
import { ${n.message} } from './${schema.name}.${kind}';

/**
 * Runs in the tenant use-case pipeline (libs/platform/use-case): \`uc\` carries the tenant context (\`ctx\`), the
 * transaction (\`tx\`) and the audit scope (\`audit\`); returning null audits not_found. Rules belong in
 * ../../domain/<subject>.rules.ts, SQL in ../../infrastructure/<aggregate>.repository.ts.
 */
@${decorator}(${n.message})
@TenantUseCase(${n.message}, { audit: { action: '${n.action}', resource: '${n.resource}', id: (m) => m.${n.idField} } })
export class ${n.handler} implements ${Ctx}UseCaseHandler<${n.message}, null> {
  async execute(message: ${n.message}, _uc: ${Ctx}UseCase): Promise<null> {
    throw new Error(\`${schema.name} is not written yet (\${message.${n.idField}})\`);
  }
}
`,
  );

  tree.write(
    joinPathFragments(folder, `${schema.name}.handler.spec.ts`),
    `import { useCaseDeclarationOf } from '@cairn/platform/use-case';
import { ${n.handler} } from './${schema.name}.handler';
import { ${n.message} } from './${schema.name}.${kind}';

describe('${n.handler}', () => {
  it('is a tenant use case of ${n.message} that audits ${n.action}', () => {
    const declaration = useCaseDeclarationOf(${n.handler});
    expect(declaration?.message).toBe(${n.message});
    expect(declaration?.audit && declaration.audit.action).toBe('${n.action}');
  });
});
`,
  );

  registerInModule(tree, modulePath, n.handler, `./${kind === 'command' ? 'commands' : 'queries'}/${schema.name}/${schema.name}.handler`);
  // The workspace's prettier (import order included), so the stamped files pass `npm run lint` as written.
  await formatFiles(tree);
}

/** Adds the handler's import after the module's last import and the class to its `providers: [...]`. */
function registerInModule(tree: Tree, modulePath: string, handler: string, from: string): void {
  const text = tree.read(modulePath, 'utf8')!;
  const providers = /providers:\s*\[/.exec(text);
  if (!providers) throw new Error(`${modulePath} has no providers: [...] to register ${handler} in`);
  const imports = [...text.matchAll(/^import [^;]+;$/gm)];
  const last = imports[imports.length - 1];
  const at = last ? last.index! + last[0].length : 0;
  const withProvider =
    text.slice(0, providers.index + providers[0].length) + `${handler}, ` + text.slice(providers.index + providers[0].length);
  const shift = providers.index < at ? `${handler}, `.length : 0;
  tree.write(modulePath, withProvider.slice(0, at + shift) + `\nimport { ${handler} } from '${from}';` + withProvider.slice(at + shift));
}

export default useCaseGenerator;
