import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * Data ownership (ARCHITECTURE §3: no context reads another context's tables), checked beside the import
 * boundaries of module-boundaries.spec.ts:
 * - the Prisma models: each context's use cases get its own transaction type (ClTx, PmTx, HrTx: ContextTx in
 *   platform/db), so tsc rejects `tx.charge` in libs/cl; no core library takes the whole client instead;
 * - raw SQL, which no type sees: every SQL text of a library may name only its own tables (`cl_*` in libs/cl),
 *   the shared SECURITY DEFINER helpers and the platform's kernel rows (read, never written);
 * - each aggregate's SQL in one place: raw SQL runs only in a `*.repository.ts` or a named platform helper.
 * The fixtures in table-ownership/ok and not-ok are checked, SQL and types, as if they lived at the path their
 * header names (`// Checked as: <path>`); they are excluded from tsc and lint, like the boundary fixtures.
 */
const workspaceRoot = resolve(__dirname, '../..');

// --- what each library owns, and what it may name besides -------------------------------------------------

/** The table prefix of each library: its own tables. */
function ownPrefixesOf(file: string): string[] | null {
  const path = relative(workspaceRoot, file).split(sep).join('/');
  if (path.startsWith('libs/platform/')) return ['pf', 'wf'];
  const lib = /^libs\/([^/]+)\//.exec(path)?.[1];
  if (!lib) return null;
  return { cl: ['cl'], pm: ['pm'], hr: ['hr'], dashboards: ['ds'], portal: ['po'] }[lib] ?? [];
}

/** Functions any library's SQL may call: they decide for the caller, behind their own boundary. */
const SHARED_HELPERS: Array<{ name: RegExp; why: string }> = [
  {
    name: /^cl_check_sud_consent$/,
    why: "SECURITY DEFINER: may this user see this kind of record of this chart (42 CFR Part 2); every context's row policies share it",
  },
  { name: /^pf_ctx_\w+$/, why: "the transaction's tenant context (organization, user, sites, system flag), set by platform/db" },
  {
    name: /^cl_(?:is_primary_therapist|patient_chart_consented|patient_is_active|patient_in_scope)$/,
    why: "SECURITY DEFINER: CL's answers the portal's row policies need (the current primary therapist, the chart's Part 2 consent, an active patient, a patient in the caller's scope; ADR 0015)",
  },
];

/** The platform's kernel rows a context may read in SQL (as ClTx/PmTx read them), never write. */
const KERNEL_READS = ['pf_organizations', 'pf_sites', 'pf_staff_users', 'pf_role_bindings'];

const TABLE_NAME = /\b(?:cl|pm|pf|wf|hr|po)_\w+/g;
const WRITE_TARGET = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+(?:ONLY\s+)?([a-z_]\w*)/gi;
const LOOKS_LIKE_SQL = /\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|\bWITH\s+\w+\s+AS\s*\(/i;

// --- where raw SQL may run ---------------------------------------------------------------------------------

/** Platform plumbing whose SQL is the capability itself (no aggregate of a context behind it). By file name. */
const RAW_SQL_HELPERS: Record<string, string> = {
  'tenant-transaction.adapter.ts': 'platform/db: the tenant settings of every transaction',
  'health.ts': 'platform/http: the readiness probe (SELECT 1)',
  'audit.service.ts': 'platform/audit: the hash-chained audit writer',
  'audit-checkpoint.publisher.ts': 'platform/audit: the chain heads (SECURITY DEFINER)',
  'verify-audit-chain.handler.ts': 'platform/audit: calls pf_audit_verify_current (SECURITY DEFINER)',
  'principal-loader.ts': "platform/access: the principal's grants (SECURITY DEFINER pf_principal_*)",
  'get-me.handler.ts': "platform/access: the signed-in user's sites (SECURITY DEFINER pf_principal_sites)",
  'list-staff-directory.handler.ts': 'platform/access: the staff directory page',
  'event-consumer.ts': 'platform/messaging: the processed-events row of idempotent delivery',
  'messaging-metrics.ts': 'platform/messaging: outbox statistics',
  'outbox-relay.ts': 'platform/messaging: the relay (SKIP LOCKED claims, LISTEN/NOTIFY)',
  'outbox-publisher.ts': "platform/messaging: the outbox INSERT in the state change's transaction",
  'list-codes.handler.ts': 'platform/reference-data: the code library page',
  'validate-code.handler.ts': 'platform/reference-data: one code on a date',
};

/**
 * Raw SQL not yet in its aggregate's repository (by file name). This list only shrinks: an entry whose file has
 * no raw SQL any more (moved into a repository, or renamed to one) fails the spec until it is removed.
 */
const NOT_YET_IN_A_REPOSITORY: Record<string, string> = {};

// --- reading the source --------------------------------------------------------------------------------------

interface SqlText {
  line: number;
  sql: string;
  /** Runs SQL (a $queryRaw/$executeRaw template, an Unsafe call, a pg query) rather than only holding it. */
  runs: boolean;
}

const RUNS_TAG = /\$(?:queryRaw|executeRaw)$/;
const FRAGMENT_TAG = /(?:^|\.)(?:sql)$/;
const RUNS_CALL = /\$(?:queryRaw|executeRaw)Unsafe$|(?:^|\.)query$/;

function templateText(node: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => `$x${s.literal.text}`)].join('');
}

/** Every SQL text of a TypeScript file: raw-SQL templates and calls, and any other string that reads as SQL. */
export function sqlTextsOf(fileName: string, text: string): SqlText[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: SqlText[] = [];
  const seen = new Set<ts.Node>();
  const add = (node: ts.Node, sql: string, runs: boolean) => {
    seen.add(node);
    found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, sql, runs });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = node.tag.getText(source);
      if (RUNS_TAG.test(tag) || FRAGMENT_TAG.test(tag)) add(node.template, templateText(node.template), RUNS_TAG.test(tag));
    } else if (ts.isCallExpression(node) && RUNS_CALL.test(node.expression.getText(source))) {
      const [first] = node.arguments;
      if (first && (ts.isStringLiteral(first) || ts.isTemplateLiteral(first))) {
        const sql = ts.isStringLiteral(first) ? first.text : templateText(first);
        if (LOOKS_LIKE_SQL.test(sql) || /\$(?:queryRaw|executeRaw)Unsafe$/.test(node.expression.getText(source))) add(first, sql, true);
      }
    } else if ((ts.isStringLiteral(node) || ts.isTemplateLiteral(node)) && !seen.has(node)) {
      const sql = ts.isStringLiteral(node) ? node.text : templateText(node);
      if (LOOKS_LIKE_SQL.test(sql)) add(node, sql, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The table and function names of `sql` a library with these prefixes may not name. */
export function foreignNames(ownPrefixes: readonly string[], sql: string): string[] {
  const writes = new Set([...sql.matchAll(WRITE_TARGET)].map((m) => m[1]!.toLowerCase()));
  const names = [...new Set(sql.match(TABLE_NAME) ?? [])];
  return names.filter((name) => {
    if (ownPrefixes.includes(name.slice(0, name.indexOf('_')))) return false;
    if (SHARED_HELPERS.some((h) => h.name.test(name))) return false;
    if (KERNEL_READS.includes(name) && !writes.has(name)) return false;
    return true;
  });
}

function isProductionSource(path: string): boolean {
  return path.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|test-fixture)\.ts$/.test(path) && !path.includes(`${sep}test${sep}`);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'generated') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path) : [path];
  });
}

const libraryFiles = walk(join(workspaceRoot, 'libs')).filter(isProductionSource).sort();
const libraryFileSql = libraryFiles.map((file) => ({ file, sqls: sqlTextsOf(file, readFileSync(file, 'utf8')) }));
const rel = (file: string) => relative(workspaceRoot, file).split(sep).join('/');

// --- fixtures --------------------------------------------------------------------------------------------------

interface Fixture {
  file: string;
  checkedAs: string;
  expectNames: string[];
  expectTsc: string[];
  text: string;
}

function readFixtures(folder: 'ok' | 'not-ok'): Fixture[] {
  const dir = join(__dirname, 'table-ownership', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const checkedAs = /^\/\/ Checked as: (\S+)$/m.exec(text)?.[1];
      if (!checkedAs) throw new Error(`${folder}/${name} lacks its "// Checked as: <path>" header`);
      const expectNames = [...text.matchAll(/^\/\/ Expect: (\S+)$/gm)].map((m) => m[1]!);
      const expectTsc = [...text.matchAll(/^\/\/ Expect tsc: (.+)$/gm)].map((m) => m[1]!);
      return { file: `${folder}/${name}`, checkedAs, expectNames, expectTsc, text };
    });
}

/**
 * Type-checks the fixtures as the files their headers name, in one program with the workspace's compiler options;
 * each fixture's own diagnostics, by its virtual path.
 */
function typeCheckFixtures(fixtures: readonly Fixture[]): Map<string, string[]> {
  const configFile = ts.readConfigFile(join(workspaceRoot, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, workspaceRoot);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, skipLibCheck: true, types: [] };
  const virtual = new Map(fixtures.map((f) => [resolve(workspaceRoot, f.checkedAs), f.text]));
  if (virtual.size !== fixtures.length) throw new Error('two fixtures are checked as the same path: give each its own');
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) => {
    const text = virtual.get(resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, language, true) : getSourceFile(fileName, language, ...rest);
  };
  host.fileExists = (fileName) => virtual.has(resolve(fileName)) || ts.sys.fileExists(fileName);
  host.readFile = (fileName) => virtual.get(resolve(fileName)) ?? ts.sys.readFile(fileName);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return new Map(
    fixtures.map((f) => {
      const sourceFile = program.getSourceFile(resolve(workspaceRoot, f.checkedAs));
      if (!sourceFile) throw new Error(`${f.file}: not loaded`);
      return [f.file, ts.getPreEmitDiagnostics(program, sourceFile).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))];
    }),
  );
}

const okFixtures = readFixtures('ok');
const notOkFixtures = readFixtures('not-ok');
let diagnostics: Map<string, string[]> | undefined;
/** The fixture's type errors (one program for all fixtures, built on first use: loading the client's types takes a while). */
const typeErrorsOf = (fixture: Fixture): string[] =>
  (diagnostics ??= typeCheckFixtures([...okFixtures, ...notOkFixtures])).get(fixture.file)!;

function fixtureForeignNames(fixture: Fixture): string[] {
  const owner = ownPrefixesOf(join(workspaceRoot, fixture.checkedAs));
  if (!owner) throw new Error(`${fixture.file}: ${fixture.checkedAs} is not in a library`);
  return sqlTextsOf(fixture.checkedAs, fixture.text).flatMap((s) => foreignNames(owner, s.sql));
}

describe('table ownership', () => {
  describe('the SQL of every library names only its own tables, shared helpers and kernel rows it reads', () => {
    it.each(['libs/cl', 'libs/pm', 'libs/hr', 'libs/portal', 'libs/dashboards', 'libs/platform'])('%s', (lib) => {
      const offending = libraryFileSql
        .filter(({ file }) => rel(file).startsWith(`${lib}/`))
        .flatMap(({ file, sqls }) =>
          sqls.flatMap((s) => foreignNames(ownPrefixesOf(file)!, s.sql).map((name) => `${rel(file)}:${s.line} names ${name}`)),
        );
      expect(offending).toEqual([]);
    });
  });

  it('finds the SQL it checks (the scan is not vacuous)', () => {
    const sqlFiles = libraryFileSql.filter(({ sqls }) => sqls.length > 0).map(({ file }) => basename(file));
    expect(sqlFiles).toEqual(
      expect.arrayContaining([
        'group-encounter-generation.repository.ts',
        'encounters.repository.ts',
        'charges.repository.ts',
        'outbox-relay.ts',
      ]),
    );
  });

  it('runs raw SQL only in a *.repository.ts or a named platform helper (the not-yet-moved list only shrinks)', () => {
    const running = libraryFileSql.filter(({ sqls }) => sqls.some((s) => s.runs)).map(({ file }) => file);
    const misplaced = running
      .filter(
        (file) => !file.endsWith('.repository.ts') && !(basename(file) in RAW_SQL_HELPERS) && !(basename(file) in NOT_YET_IN_A_REPOSITORY),
      )
      .map(rel);
    expect(misplaced).toEqual([]);
    const names = new Set(running.map((file) => basename(file)));
    const stale = [...Object.keys(RAW_SQL_HELPERS), ...Object.keys(NOT_YET_IN_A_REPOSITORY)].filter((name) => !names.has(name));
    expect(stale).toEqual([]);
  });

  it('gives no core library the whole client: it takes its own context transaction (ClTx, PmTx, HrTx)', () => {
    const WHOLE_CLIENT =
      /\b(?:TenantTx|TenantTxClient|UseCaseTx|ConsumerTx|PrismaService|PrismaClient|withTenant|queryAsTenant|UseCase|TenantUseCaseHandler)\b/;
    const offending = libraryFiles
      .filter((file) => /^libs\/(?:cl|pm|hr|portal|dashboards)\//.test(rel(file)) && !/\/\w+\.tx\.ts$/.test(rel(file)))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${rel(file)}:${i + 1}` }))
          .filter(({ line }) => !/^\s*(?:\/\/|\*|\/\*)/.test(line) && WHOLE_CLIENT.test(line)),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(offending).toEqual([]);
  });

  describe.each(notOkFixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    it(`names ${fixture.expectNames.join(', ') || '(no Expect header)'} as another owner's table when checked as ${fixture.checkedAs}`, () => {
      expect(fixture.expectNames.length).toBeGreaterThan(0);
      expect(fixtureForeignNames(fixture)).toEqual(fixture.expectNames);
    });

    it('does not compile: the context transaction has no such member', () => {
      expect(fixture.expectTsc.length).toBeGreaterThan(0);
      const errors = typeErrorsOf(fixture);
      for (const expected of fixture.expectTsc) expect(errors).toContainEqual(expect.stringContaining(expected));
    }, 120_000);
  });

  describe.each(okFixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    it(`names no other owner's table and compiles when checked as ${fixture.checkedAs}`, () => {
      expect(fixtureForeignNames(fixture)).toEqual([]);
      expect(typeErrorsOf(fixture)).toEqual([]);
    }, 120_000);
  });
});
