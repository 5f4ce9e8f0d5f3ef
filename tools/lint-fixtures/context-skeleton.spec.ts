import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every bounded context has one skeleton (DEVELOPMENT.md "The context skeleton"):
 *
 *   libs/<ctx>/src/{index.ts, <ctx>.tx.ts, <ctx>.module.ts, <ctx>-worker.module.ts}
 *   libs/<ctx>/src/processors/<queue>.processor.ts          (a processor only dispatches)
 *   libs/<ctx>/src/<feature>/<feature>.module.ts
 *   libs/<ctx>/src/<feature>/commands/<verb-noun>/<verb-noun>.{command,handler}.ts
 *   libs/<ctx>/src/<feature>/queries/<verb-noun>/<verb-noun>.{query,handler}.ts
 *   libs/<ctx>/src/<feature>/event-handlers/<action>-when-<event>.handler.ts
 *   libs/<ctx>/src/<feature>/domain/<subject>.{rules,view,...}.ts
 *   libs/<ctx>/src/<feature>/infrastructure/<aggregate>.repository.ts
 *   libs/<ctx>/src/<feature>/http/<feature>.controller.ts, <name>.dto.ts
 *
 * The checks are functions of a path, so the not-ok cases below prove each rule fails a file that breaks it.
 */
export const CONTEXTS = ['cl', 'pm', 'hr', 'dashboards', 'portal'] as const;

const FEATURE_ENTRIES = new Set(['commands', 'queries', 'event-handlers', 'domain', 'infrastructure', 'http', 'README.md']);
/** `<kebab-subject>.<role>.ts`, a spec of one, or a non-TS file the role folder keeps (SQL documentation). */
const ROLES = [
  'command',
  'query',
  'handler',
  'module',
  'controller',
  'dto',
  'filter',
  'interceptor',
  'csv',
  'view',
  'rules',
  'constants',
  'service',
  'errors',
  'repository',
  'gateway',
  'mapper',
  'processor',
  'test-fixture',
  'port',
];
const FILE = new RegExp(
  `^[a-z0-9]+(-[a-z0-9]+)*\\.(${ROLES.join('|')})(\\.(spec|int-spec))?\\.ts$|^[a-z0-9]+(-[a-z0-9]+)*\\.(spec|int-spec)\\.ts$`,
);
/** Where each role may live (a folder of the feature, or src/processors). */
const ROLE_HOME: Record<string, (parts: string[]) => boolean> = {
  command: (p) => p[1] === 'commands' && p.length === 4,
  query: (p) => p[1] === 'queries' && p.length === 4,
  handler: (p) => (['commands', 'queries'].includes(p[1]!) && p.length === 4) || (p[1] === 'event-handlers' && p.length === 3),
  controller: (p) => p[1] === 'http',
  dto: (p) => p[1] === 'http',
  filter: (p) => p[1] === 'http',
  interceptor: (p) => p[1] === 'http',
  csv: (p) => p[1] === 'http',
  rules: (p) => p[1] === 'domain',
  repository: (p) => p[1] === 'infrastructure',
  gateway: (p) => p[1] === 'infrastructure',
  processor: (p) => p[0] === 'processors' && p.length === 2,
  module: (p) => p.length === 1 || (p.length === 2 && p[1] === `${p[0]}.module.ts`),
};

/** The problems of one file, by its path relative to libs/<ctx>/src (none: it fits the skeleton). */
export function skeletonProblems(ctx: string, path: string): string[] {
  const parts = path.split('/');
  const name = parts[parts.length - 1]!;
  const problems: string[] = [];
  if (parts.length === 1) {
    if (!['index.ts', `${ctx}.tx.ts`, `${ctx}.module.ts`, `${ctx}-worker.module.ts`].includes(name))
      problems.push(`src/ holds only index.ts, ${ctx}.tx.ts, the context modules, processors/ and feature folders`);
    return problems;
  }
  const [top, entry] = parts;
  if (top === 'processors') {
    if (!/^[a-z0-9-]+\.processor(\.int-spec|\.spec)?\.ts$/.test(name) || parts.length !== 2)
      problems.push('src/processors/ holds only <queue>.processor.ts (and its specs)');
    return problems;
  }
  if (parts.length === 2 && name !== `${top}.module.ts` && !FEATURE_ENTRIES.has(name))
    problems.push(`a feature's top level is ${top}.module.ts and ${[...FEATURE_ENTRIES].join(', ')}`);
  if (parts.length > 2 && !FEATURE_ENTRIES.has(entry!))
    problems.push(`"${entry}" is not a feature folder (${[...FEATURE_ENTRIES].filter((e) => !e.includes('.')).join(', ')})`);
  if (name === 'README.md' || (entry === 'infrastructure' && name.endsWith('.sql'))) return problems;
  if (!FILE.test(name)) {
    problems.push(`"${name}" is not <kebab-subject>.<role>.ts with a known role (${ROLES.join(', ')})`);
    return problems;
  }
  const role = /\.([a-z-]+?)(\.(spec|int-spec))?\.ts$/.exec(name)![1]!;
  const home = ROLE_HOME[role];
  if (home && !home(parts)) problems.push(`a .${role}.ts file does not belong in ${parts.slice(0, -1).join('/')}/`);
  if (
    (entry === 'commands' || entry === 'queries') &&
    parts.length === 4 &&
    ['command', 'query', 'handler'].includes(role) &&
    !name.startsWith(`${parts[2]}.`)
  ) {
    problems.push(`a use-case folder's message and handler are named after it (${parts[2]}.${role}.ts)`);
  }
  if (entry === 'event-handlers' && role === 'handler' && !/^[a-z0-9-]+-when-[a-z0-9-]+\.handler(\.int-spec|\.spec)?\.ts$/.test(name))
    problems.push('an event handler is <action>-when-<event>.handler.ts (and its specs)');
  if ((entry === 'commands' || entry === 'queries') && parts.length !== 4)
    problems.push(`${entry}/ holds one folder per use case (${entry}/<verb-noun>/)`);
  return problems;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

const root = join(__dirname, '../..');

describe('the context skeleton', () => {
  it.each(CONTEXTS)('libs/%s fits it', (ctx) => {
    const src = join(root, 'libs', ctx, 'src');
    const problems = filesUnder(src).flatMap((f) => {
      const path = relative(src, f).split(sep).join('/');
      return skeletonProblems(ctx, path).map((p) => `${path}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it.each(CONTEXTS)('libs/%s has a module per feature and exports only modules from its index', (ctx) => {
    const src = join(root, 'libs', ctx, 'src');
    const features = readdirSync(src).filter((e) => statSync(join(src, e)).isDirectory() && e !== 'processors');
    expect(features.filter((f) => !filesUnder(join(src, f)).some((x) => x.endsWith(`${sep}${f}${sep}${f}.module.ts`)))).toEqual([]);
    const index = filesUnder(src).find((f) => relative(src, f) === 'index.ts')!;
    const exported = [...readFileSync(index, 'utf8').matchAll(/export \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
    expect(exported.filter((e) => !/Module$/.test(e))).toEqual([]);
  });

  describe('fails a file that breaks it', () => {
    it.each([
      ['a handler outside commands/queries/event-handlers', 'patients/domain/archive-patient.handler.ts', 'does not belong in'],
      ['a controller outside http/', 'patients/patients.controller.ts', "a feature's top level"],
      ['a DTO in a use-case folder', 'patients/commands/archive-patient/archive-patient.dto.ts', 'does not belong in'],
      ['a processor inside a feature', 'charges/event-handlers/charge-creation.processor.ts', 'does not belong in'],
      ['a rules file outside domain/', 'patients/infrastructure/patient.rules.ts', 'does not belong in'],
      ['a repository outside infrastructure/', 'patients/domain/patient.repository.ts', 'does not belong in'],
      ['a dash role', 'group-sessions/domain/group-session-rules.ts', 'is not <kebab-subject>.<role>.ts'],
      ['an unknown feature folder', 'charges/events/charge-creation.int-spec.ts', 'is not a feature folder'],
      ['an event handler not named <action>-when-<event>', 'charges/event-handlers/charges.handler.ts', '<action>-when-<event>'],
      ['a use case whose files are not named after its folder', 'patients/commands/archive-patient/archive.handler.ts', 'named after it'],
      ['a handler directly under commands/', 'patients/commands/archive-patient.handler.ts', 'does not belong in'],
      ['a loose file in src/', 'helpers.ts', 'src/ holds only'],
      ['a non-processor in src/processors', 'processors/dispatch.ts', 'src/processors/ holds only'],
    ])('%s', (_what, path, problem) => {
      expect(skeletonProblems('cl', path).join('\n')).toContain(problem);
    });

    it('and passes the shapes it describes', () => {
      for (const path of [
        'index.ts',
        'cl.tx.ts',
        'cl.module.ts',
        'cl-worker.module.ts',
        'processors/encounter-generation.processor.ts',
        'patients/patients.module.ts',
        'patients/commands/archive-patient/archive-patient.command.ts',
        'patients/commands/archive-patient/archive-patient.handler.spec.ts',
        'patients/queries/get-patient/get-patient.query.ts',
        'group-encounters/event-handlers/generate-encounters-when-group-session-documented.handler.ts',
        'group-encounters/event-handlers/generate-encounters-when-group-session-documented.handler.spec.ts',
        'patients/domain/patient.rules.ts',
        'patients/domain/patient.view.ts',
        'patients/infrastructure/patient.repository.ts',
        'patients/http/patients.controller.ts',
        'patients/http/archive-patient.dto.ts',
        'provider-productivity/infrastructure/lineage.sql',
      ])
        expect({ path, problems: skeletonProblems('cl', path) }).toEqual({ path, problems: [] });
    });
  });
});
