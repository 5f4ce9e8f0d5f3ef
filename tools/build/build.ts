import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import { transform } from '@swc/core';
import { build, Plugin } from 'esbuild';

/**
 * `npm run build`: the production artefacts in dist/ (or `--out <dir>` inside the repository, so that the
 * bundles find node_modules by walking up):
 *
 *   apps/api/main.js, apps/worker/main.js   the API and the worker, one CommonJS bundle each, with source maps
 *   tools/db/cli.js                         `db:migrate` / `db:status` (Prisma's wasm schema engine)
 *   tools/prod/start.js                     `npm run start:prod`: checks, migrations, API and worker
 *   prisma/migrations, prisma/schema         what the migration commands read (beside tools/, as in the repo)
 *   apps/staff-web/                          the staff web's static bundle (Vite; hashed assets under assets/)
 *   apps/portal-web/                         the client portal's static bundle (the same way)
 *
 * Workspace code (@cairn/* path aliases included) is bundled; every npm package stays external and is loaded
 * from node_modules at run time (`npm install --omit=dev` is enough). TypeScript goes through SWC with the
 * workspace's .swcrc, as under `npm start`, because esbuild cannot emit the decorator metadata Nest's
 * dependency injection reads. `--only api,worker,tools,staff-web,portal-web` builds a subset (the Nx build targets).
 */
const ROOT = join(__dirname, '..', '..');
const say = (m: string) => console.log(`[build] ${m}`);

export const NODE_ENTRIES = {
  api: { entry: 'apps/api/src/main.ts', out: 'apps/api/main.js' },
  worker: { entry: 'apps/worker/src/main.ts', out: 'apps/worker/main.js' },
  'db-cli': { entry: 'tools/db/cli.ts', out: 'tools/db/cli.js' },
  'start-prod': { entry: 'tools/prod/start-prod.ts', out: 'tools/prod/start.js' },
} as const;
const PARTS = ['api', 'worker', 'tools', 'staff-web', 'portal-web'] as const;
type Part = (typeof PARTS)[number];

/** TypeScript files through SWC (decorator metadata, as @swc-node/register does under `npm start`). */
function swcPlugin(): Plugin {
  const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8')) as Record<string, unknown>;
  return {
    name: 'swc',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = readFileSync(args.path, 'utf8');
        const out = await transform(source, { ...swcrc, swcrc: false, filename: args.path, sourceMaps: 'inline' } as never);
        return { contents: out.code, loader: 'js' };
      });
    },
  };
}

/** `@scope/name/sub/path` -> `@scope/name`, `name/sub` -> `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Bare imports other than the workspace's @cairn/* aliases stay external (resolved in node_modules at run time).
 * Each must be a Node built-in or one of package.json's `dependencies`: a production install omits the
 * devDependencies, so a compiled app that needs one would fail on the server, not here.
 */
function externalPackages(dependencies: Set<string>, missing: Set<string>): Plugin {
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@cairn/') || isAbsolute(args.path)) return undefined;
        const name = packageName(args.path);
        if (!args.path.startsWith('node:') && !builtinModules.includes(name) && !dependencies.has(name))
          missing.add(`${args.path} (imported by ${relative(ROOT, args.importer)})`);
        return { path: args.path, external: true };
      });
    },
  };
}

async function buildNode(out: string, names: (keyof typeof NODE_ENTRIES)[]): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const dependencies = new Set(Object.keys(pkg.dependencies));
  for (const name of names) {
    const missing = new Set<string>();
    const { entry, out: file } = NODE_ENTRIES[name];
    const started = Date.now();
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, entry)],
      outfile: join(out, file),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'linked',
      sourcesContent: false,
      keepNames: true,
      tsconfig: join(ROOT, 'tsconfig.json'),
      plugins: [externalPackages(dependencies, missing), swcPlugin()],
      logLevel: 'warning',
      legalComments: 'none',
    });
    if (result.errors.length) throw new Error(`esbuild failed for ${entry}`);
    if (missing.size)
      throw new Error(
        `${entry} needs packages that are not in package.json's dependencies (a production install omits them):\n  ${[...missing].join('\n  ')}`,
      );
    say(`${entry} -> ${relative(ROOT, join(out, file))} (${Date.now() - started} ms)`);
  }
}

/** A web app's static bundle (Vite), into <out>/apps/<app>. */
function buildWebApp(out: string, app: 'staff-web' | 'portal-web'): void {
  const started = Date.now();
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', `apps/${app}/vite.config.mts`, '--outDir', join(out, 'apps', app), '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error(`vite build of apps/${app} failed (exit ${r.status ?? r.signal})`);
  say(`apps/${app} -> ${relative(ROOT, join(out, 'apps', app))} (${Date.now() - started} ms)`);
}

function parseArgs(argv: string[]): { out: string; parts: Set<Part> } {
  let out = join(ROOT, 'dist');
  let parts = new Set<Part>(PARTS);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = join(ROOT, argv[++i] ?? '');
    else if (a === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = names.filter((n) => !(PARTS as readonly string[]).includes(n));
      if (bad.length || names.length === 0) throw new Error(`--only takes a comma-separated list of ${PARTS.join(', ')}`);
      parts = new Set(names as Part[]);
    } else throw new Error(`usage: npm run build [-- --out <dir inside the repository>] [--only ${PARTS.join(',')}]`);
  }
  if (relative(ROOT, out).startsWith('..'))
    throw new Error('--out must be inside the repository (the bundles load node_modules from there)');
  return { out, parts };
}

export async function main(argv: string[]): Promise<void> {
  const { out, parts } = parseArgs(argv);
  if (!existsSync(join(ROOT, 'libs', 'platform', 'db', 'src', 'generated', 'prisma', 'client.ts'))) {
    throw new Error('The Prisma client is not generated: run the build through `npm run build` (it generates it)');
  }
  mkdirSync(out, { recursive: true });
  const node: (keyof typeof NODE_ENTRIES)[] = [];
  if (parts.has('api')) node.push('api');
  if (parts.has('worker')) node.push('worker');
  if (parts.has('tools')) node.push('db-cli', 'start-prod');
  for (const name of node) rmSync(join(out, NODE_ENTRIES[name].out), { force: true });
  await buildNode(out, node);
  if (parts.has('tools')) {
    for (const dir of ['migrations', 'schema']) {
      rmSync(join(out, 'prisma', dir), { recursive: true, force: true });
      cpSync(join(ROOT, 'prisma', dir), join(out, 'prisma', dir), { recursive: true });
    }
    say(`prisma/migrations and prisma/schema -> ${relative(ROOT, join(out, 'prisma'))}`);
  }
  if (parts.has('staff-web')) buildWebApp(out, 'staff-web');
  if (parts.has('portal-web')) buildWebApp(out, 'portal-web');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => say('done'),
    (e: unknown) => {
      console.error(`[build] ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
