import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LegacyESLint } from 'eslint/use-at-your-own-risk';

/**
 * Lints the source text of each fixture in ok/ and not-ok/ with the workspace's .eslintrc.json, as if the file
 * lived at the path its header names (`// Linted as: <path>`). The fixtures themselves are excluded from the
 * normal lint and from tsc: they only make sense at their virtual location.
 */
const workspaceRoot = resolve(__dirname, '../..');
const BOUNDARY_RULE = '@nx/enforce-module-boundaries';
const ERROR = 2;

interface Fixture {
  file: string;
  lintedAs: string;
  expectedRule?: string;
  text: string;
}

function readFixtures(folder: 'ok' | 'not-ok'): Fixture[] {
  const dir = join(__dirname, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const lintedAs = /^\/\/ Linted as: (\S+)$/m.exec(text)?.[1];
      if (!lintedAs) throw new Error(`${folder}/${name} lacks its "// Linted as: <path>" header`);
      const expectedRule = /^\/\/ Expect: (\S+)$/m.exec(text)?.[1];
      return { file: `${folder}/${name}`, lintedAs, expectedRule, text };
    });
}

const okFixtures = readFixtures('ok');
const notOkFixtures = readFixtures('not-ok');
let eslint: LegacyESLint;

async function lint(fixture: Fixture) {
  const [result] = await eslint.lintText(fixture.text, { filePath: join(workspaceRoot, fixture.lintedAs) });
  return result.messages;
}

async function lintNamed(file: string) {
  const fixture = [...okFixtures, ...notOkFixtures].find((f) => f.file === file);
  if (!fixture) throw new Error(`fixture ${file} is missing`);
  return lint(fixture);
}

beforeAll(() => {
  // The boundary rule reads Nx's cached project graph and silently skips itself when there is none: compute
  // it first (in-process, no daemon; nx.json sets useDaemonProcess false).
  execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: 'ignore',
  });
  eslint = new LegacyESLint({ cwd: workspaceRoot });
}, 30_000);

describe('module boundaries', () => {
  it('reports a libs/cl file importing @cairn/pm as a scope violation error', async () => {
    const messages = await lintNamed('not-ok/core-imports-another-core.ts');
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: BOUNDARY_RULE,
        severity: ERROR,
        message: expect.stringContaining('"scope:cl" can only depend on'),
      }),
    );
  });

  it('reports a libs/platform file importing @cairn/cl as an error', async () => {
    const messages = await lintNamed('not-ok/platform-imports-core.ts');
    // cl already depends on the platform, so Nx names the cycle before it names the tag rule; both are errors.
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: BOUNDARY_RULE,
        severity: ERROR,
        message: expect.stringMatching(/"scope:platform" can only depend on|Circular dependency between "platform-audit" and "cl"/),
      }),
    );
  });

  it("reports a relative deep import into another library's src as an error", async () => {
    const messages = await lintNamed('not-ok/relative-deep-import-into-another-library.ts');
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: BOUNDARY_RULE,
        severity: ERROR,
        message: expect.stringContaining('Projects cannot be imported by a relative or absolute path'),
      }),
    );
  });

  it("reports a deep import through another library's alias as an error", async () => {
    const messages = await lintNamed('not-ok/alias-deep-import-into-another-library.ts');
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: 'no-restricted-imports', severity: ERROR }));
  });

  it('reports a core library importing a platform implementation (type:core) as an error', async () => {
    const messages = await lintNamed('not-ok/core-imports-platform-implementation.ts');
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: BOUNDARY_RULE,
        severity: ERROR,
        message: expect.stringContaining('"type:core" can not depend on libs tagged with "type:core"'),
      }),
    );
  });

  it("accepts an app, and a core library's integration test, composing a platform implementation", async () => {
    expect(await lintNamed('ok/app-composes-platform-implementation.ts')).toEqual([]);
    expect(await lintNamed('ok/core-int-spec-composes-platform-implementation.ts')).toEqual([]);
  });

  it('relaxes nothing for integration tests but the core-on-core ban (the override repeats the rule)', () => {
    type Rule = [string, { depConstraints: Array<Record<string, unknown>> } & Record<string, unknown>];
    const config = JSON.parse(readFileSync(join(workspaceRoot, '.eslintrc.json'), 'utf8')) as {
      overrides: Array<{ files: string[]; rules?: Record<string, Rule> }>;
    };
    const [main, intSpecs] = [config.overrides[0]!, config.overrides.find((o) => o.files.includes('libs/**/*.int-spec.ts'))!].map(
      (o) => o.rules![BOUNDARY_RULE]!,
    );
    const ban = { sourceTag: 'type:core', notDependOnLibsWithTags: ['type:core'] };
    expect(main![1].depConstraints).toContainEqual(ban);
    expect(intSpecs).toEqual([
      main![0],
      { ...main![1], depConstraints: main![1].depConstraints.filter((c) => JSON.stringify(c) !== JSON.stringify(ban)) },
    ]);
  });

  it('accepts a core library importing @cairn/platform/db', async () => {
    expect(await lintNamed('ok/core-imports-platform.ts')).toEqual([]);
  });

  it('accepts an app importing every core library', async () => {
    expect(await lintNamed('ok/app-imports-cores.ts')).toEqual([]);
  });

  describe.each(notOkFixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    it(`reports ${fixture.expectedRule ?? '(no Expect header)'} as an error when linted as ${fixture.lintedAs}`, async () => {
      expect(fixture.expectedRule).toBeDefined();
      const errors = (await lint(fixture)).filter((m) => m.severity === ERROR).map((m) => m.ruleId);
      expect(errors).toContain(fixture.expectedRule);
    });
  });

  describe.each(okFixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    it(`reports no problem when linted as ${fixture.lintedAs}`, async () => {
      expect(await lint(fixture)).toEqual([]);
    });
  });
});
