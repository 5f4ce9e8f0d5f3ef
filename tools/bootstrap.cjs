#!/usr/bin/env node
// The first thing `npm start` and `npm test` run, on a fresh clone too. Dependency-free (node: built-ins
// only): installs packages when node_modules is missing or older than package-lock.json, generates the
// Prisma client when it is missing or older than the schema, then hands over to the TypeScript entry point.
'use strict';
const { spawnSync, spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const stampFile = path.join(root, 'node_modules', '.cairn-install-stamp');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function hashOf(file) {
  return createHash('sha256').update(fs.readFileSync(path.join(root, file))).digest('hex');
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n[bootstrap] ${cmd} ${args.join(' ')} failed (exit ${r.status}).`);
    process.exit(r.status || 1);
  }
}

function ensurePackages() {
  const wanted = hashOf('package-lock.json') + hashOf('package.json');
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (have === wanted && fs.existsSync(path.join(root, 'node_modules', '.bin', 'jest'))) return;
  console.log('[bootstrap] installing packages (npm install; this takes about a minute the first time)...');
  // `npm ci` cannot be used here: it insists on optional packages for other platforms.
  run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  fs.writeFileSync(stampFile, wanted);
}

function newestMtime(dir) {
  return fs.readdirSync(dir).reduce((m, f) => Math.max(m, fs.statSync(path.join(dir, f)).mtimeMs), 0);
}

function ensurePrismaClient() {
  const generated = path.join(root, 'libs', 'platform', 'db', 'src', 'generated', 'prisma', 'client.ts');
  const schemaDir = path.join(root, 'prisma', 'schema');
  if (fs.existsSync(generated) && fs.statSync(generated).mtimeMs >= newestMtime(schemaDir)) return;
  console.log('[bootstrap] generating the Prisma client...');
  // generate only needs the WebAssembly engine, but the CLI insists on a schema-engine path: any executable will do.
  run(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  });
}

const entries = {
  start: 'tools/dev/start.ts',
  test: 'tools/testing/run-all.ts',
};

const [command, ...rest] = process.argv.slice(2);
if (!entries[command]) {
  console.error(`usage: node tools/bootstrap.cjs ${Object.keys(entries).join('|')} [args]`);
  process.exit(2);
}
ensurePackages();
ensurePrismaClient();
const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, entries[command]), ...rest], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
