#!/usr/bin/env node
// The first thing `npm start`, `npm test` and `npm run build` run, on a fresh clone too. Dependency-free (node: built-ins
// only): installs packages when node_modules is missing or older than the lockfile, generates the Prisma
// client when it is missing or older than the schema, then hands over to the TypeScript entry point,
// forwarding arguments, signals and the exit code.
'use strict';
const { spawnSync, spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const nodeModules = path.join(root, 'node_modules');
// Inside node_modules so that deleting node_modules also forgets the install (gitignored as well).
const stampFile = path.join(nodeModules, '.cairn-install-stamp');
const generatedClient = path.join(root, 'libs', 'platform', 'db', 'src', 'generated', 'prisma', 'client.ts');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const entries = {
  start: 'tools/dev/start.ts',
  test: 'tools/testing/run-all.ts',
  build: 'tools/build/build.ts',
};

function fail(message, code) {
  console.error(`[bootstrap] ${message}`);
  process.exit(code || 1);
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) fail(`Cairn needs Node.js 20.19 or newer; this is ${process.version}.`);
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`, r.status || 1);
}

/** What the installed tree must match: the lockfile plus package.json's dependency fields (not its scripts). */
function installFingerprint() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const relevant = JSON.stringify([pkg.dependencies, pkg.devDependencies, pkg.optionalDependencies, pkg.overrides, pkg.allowScripts]);
  return createHash('sha256')
    .update(fs.readFileSync(path.join(root, 'package-lock.json')))
    .update(relevant)
    .digest('hex');
}

/** Returns true when it installed. */
function ensurePackages() {
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  const complete = fs.existsSync(path.join(nodeModules, '@swc-node', 'register')) && fs.existsSync(path.join(nodeModules, 'prisma'));
  if (complete && have === installFingerprint()) return false;
  console.log('[bootstrap] installing packages (npm install; about a minute the first time)...');
  // Not `npm ci`: it insists on other platforms' optional packages, which the registry here does not serve.
  run(npm, ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  // npm may have normalised the lockfile: fingerprint what is there now.
  fs.writeFileSync(stampFile, installFingerprint() + '\n');
  return true;
}

function newestMtime(files) {
  return files.reduce((m, f) => (fs.existsSync(f) ? Math.max(m, fs.statSync(f).mtimeMs) : m), 0);
}

function ensurePrismaClient(installed) {
  const schemaDir = path.join(root, 'prisma', 'schema');
  const inputs = fs.readdirSync(schemaDir).map((f) => path.join(schemaDir, f));
  inputs.push(path.join(root, 'prisma.config.ts'));
  if (!installed && fs.existsSync(generatedClient) && fs.statSync(generatedClient).mtimeMs >= newestMtime(inputs)) return;
  console.log('[bootstrap] generating the Prisma client...');
  // generate itself only uses WebAssembly, but the CLI insists on a schema-engine binary: any executable will do.
  run(process.execPath, [path.join(nodeModules, 'prisma', 'build', 'index.js'), 'generate'], {
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  });
}

function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!Object.prototype.hasOwnProperty.call(entries, command)) {
    fail(`usage: node tools/bootstrap.cjs ${Object.keys(entries).join('|')} [args...]`, 2);
  }
  checkNode();
  ensurePrismaClient(ensurePackages());
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, entries[command]), ...rest], {
    cwd: root,
    stdio: 'inherit',
  });
  // The child handles repeats (a terminal's Ctrl-C reaches it directly as well as through us).
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('error', (e) => fail(`could not start ${entries[command]}: ${e.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] || 1)));
}

main();
