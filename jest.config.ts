/** @jest-config-loader esbuild-register */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from 'jest';

// One config for the whole workspace, three tiers (CONVENTIONS §11):
//   unit  — *.spec.ts beside the code, no I/O;
//   int   — *.int-spec.ts against real PostgreSQL and Redis;
//   api   — apps/api/test/*.e2e-spec.ts, the Nest app over HTTP against real services.
// `jest --selectProjects unit` runs one tier. The int and api tiers share a global setup that creates a
// fresh database, applies the migrations and drops it afterwards.
const tsconfig = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/\//g, '\\/')}$`,
    join('<rootDir>', target),
  ]),
);
const swcrc = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8')) as Record<string, unknown>;
// TypeScript, plus the ESM-only wasm-bindgen glue of Prisma's schema engine (tools/db), compiled to CommonJS.
const transform: Config['transform'] = {
  '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
  '/node_modules/@prisma/schema-engine-wasm/.+\\.js$': [
    '@swc/jest',
    { ...swcrc, swcrc: false, jsc: { ...(swcrc['jsc'] as object), parser: { syntax: 'ecmascript' } } },
  ],
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/tools/lint-fixtures/(ok|not-ok)/'],
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
};

const config: Config = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts', '<rootDir>/apps/api/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tools/testing/global-setup.ts',
      globalTeardown: '<rootDir>/tools/testing/global-teardown.ts',
      setupFiles: ['<rootDir>/tools/testing/setup-env.ts'],
      // Every API response a test receives must match the OpenAPI document (apps/api/test/support/response-contract.ts).
      setupFilesAfterEnv: ['<rootDir>/tools/testing/response-contract.setup.ts'],
    },
  ],
  // A global option: inside `projects` Jest ignores it. Unit tests never come near it; int and API tests start
  // apps, processes and databases on a shared 2-core machine.
  testTimeout: 60_000,
};

export default config;
