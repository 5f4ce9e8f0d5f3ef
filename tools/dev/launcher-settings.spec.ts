import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { databaseTarget, LauncherSettingsError, readLauncherSettings, signingSecret } from './launcher-settings';

describe('readLauncherSettings', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(readLauncherSettings({}, '/repo')).toEqual({
      databaseUrl: undefined,
      dataDir: '/repo/.data',
      pgPort: 54329,
      redisUrl: 'redis://127.0.0.1:6379',
      apiPort: 3000,
      workerPort: 3001,
      staffWebPort: 4200,
      portalWebPort: 4300,
      startTimeoutSeconds: 120,
      apiProcesses: 1,
      workerProcesses: 1,
    });
  });

  it('runs N processes of each app with --processes N, over API_PROCESSES and WORKER_PROCESSES', () => {
    expect(readLauncherSettings({ API_PROCESSES: '3', WORKER_PROCESSES: '2' }, '/repo')).toMatchObject({
      apiProcesses: 3,
      workerProcesses: 2,
    });
    expect(readLauncherSettings({ API_PROCESSES: '3' }, '/repo', ['--processes', '2'])).toMatchObject({
      apiProcesses: 2,
      workerProcesses: 2,
    });
  });

  it('refuses a bad process count, and a worker port range that runs into another port', () => {
    expect(() => readLauncherSettings({}, '/repo', ['--processes', '0'])).toThrow(
      '--processes must be a whole number from 1 to 64 (got "0")',
    );
    expect(() => readLauncherSettings({ WORKER_PROCESSES: 'many' }, '/repo')).toThrow(
      'WORKER_PROCESSES must be a whole number from 1 to 64 (got "many")',
    );
    // Worker processes take 3001, 3002, ...: a staff web on 3002 would collide with the second.
    expect(() => readLauncherSettings({ STAFF_WEB_PORT: '3002' }, '/repo', ['--processes=2'])).toThrow(
      'WORKER_PORT + 1 and STAFF_WEB_PORT are both 3002',
    );
  });

  it('takes every port, the data dir and the URLs from the environment', () => {
    const s = readLauncherSettings(
      {
        DATABASE_URL: 'postgresql://postgres@db:5432/postgres',
        CAIRN_DATA_DIR: '/var/cairn',
        CAIRN_PG_PORT: '6000',
        REDIS_URL: 'redis://cache:6380',
        API_PORT: '8000',
        WORKER_PORT: '8001',
        STAFF_WEB_PORT: '8200',
        PORTAL_WEB_PORT: '8300',
      },
      '/repo',
    );
    expect(s).toMatchObject({
      databaseUrl: 'postgresql://postgres@db:5432/postgres',
      dataDir: '/var/cairn',
      pgPort: 6000,
      redisUrl: 'redis://cache:6380',
      apiPort: 8000,
      workerPort: 8001,
      staffWebPort: 8200,
      portalWebPort: 8300,
    });
  });

  it('resolves a relative CAIRN_DATA_DIR against the repository root', () => {
    expect(readLauncherSettings({ CAIRN_DATA_DIR: 'tmp/data' }, '/repo').dataDir).toBe('/repo/tmp/data');
  });

  it('rejects a port that is not a whole number in range, naming the variable', () => {
    expect(() => readLauncherSettings({ API_PORT: 'abc', WORKER_PORT: '70000' }, '/repo')).toThrow(LauncherSettingsError);
    try {
      readLauncherSettings({ API_PORT: 'abc', WORKER_PORT: '70000' }, '/repo');
    } catch (e) {
      expect((e as LauncherSettingsError).problems).toEqual([
        'API_PORT must be a whole number from 1 to 65535 (got "abc")',
        'WORKER_PORT must be a whole number from 1 to 65535 (got "70000")',
      ]);
    }
  });

  it('rejects two services on the same port', () => {
    expect(() => readLauncherSettings({ API_PORT: '3001' }, '/repo')).toThrow('API_PORT and WORKER_PORT are both 3001');
  });

  it('ignores the embedded PostgreSQL port when DATABASE_URL names a server', () => {
    expect(() => readLauncherSettings({ DATABASE_URL: 'postgresql://h/db', CAIRN_PG_PORT: '3000' }, '/repo')).not.toThrow();
  });

  it('rejects a DATABASE_URL or REDIS_URL of the wrong kind', () => {
    expect(() => readLauncherSettings({ DATABASE_URL: 'mysql://h/db' }, '/repo')).toThrow(
      'DATABASE_URL must start with postgresql:// or postgres://',
    );
    expect(() => readLauncherSettings({ REDIS_URL: 'not a url' }, '/repo')).toThrow('REDIS_URL is not a URL');
  });
});

describe('databaseTarget', () => {
  it("provisions the URL's own database and connects to the server's maintenance database to do it", () => {
    expect(databaseTarget('postgresql://postgres:pw@db:5433/cairn_dev?sslmode=disable')).toEqual({
      serverAdminUrl: 'postgresql://postgres:pw@db:5433/postgres?sslmode=disable',
      database: 'cairn_dev',
    });
  });

  it('provisions "cairn" when the URL names the maintenance database or none', () => {
    expect(databaseTarget('postgresql://postgres@127.0.0.1:5432/postgres').database).toBe('cairn');
    expect(databaseTarget('postgresql://postgres@127.0.0.1:5432').database).toBe('cairn');
    expect(databaseTarget('postgresql://postgres@127.0.0.1:5432/template1').database).toBe('cairn');
  });
});

describe('signingSecret', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-signing-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a random secret for a new installation, in a file only its owner can read', () => {
    const dataDir = join(dir, '.data'); // not there yet: the first start makes it
    const s = signingSecret({}, dataDir);
    expect(s.source).toBe('created');
    expect(s.file).toBe(join(dataDir, 'jwt-secret'));
    expect(s.secret).toMatch(/^[A-Za-z0-9_-]{64}$/); // 48 random bytes
    expect(readFileSync(s.file!, 'utf8').trim()).toBe(s.secret);
    expect(statSync(s.file!).mode & 0o777).toBe(0o600);
  });

  it('reuses the secret on the next start, so sessions survive a restart', () => {
    const first = signingSecret({}, dir);
    const second = signingSecret({}, dir);
    expect(second).toEqual({ ...first, source: 'reused' });
  });

  it('gives every installation a secret of its own', () => {
    const other = mkdtempSync(join(tmpdir(), 'cairn-signing-secret-'));
    try {
      expect(signingSecret({}, dir).secret).not.toBe(signingSecret({}, other).secret);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('makes a kept secret readable by its owner only again', () => {
    const file = signingSecret({}, dir).file!;
    chmodSync(file, 0o644);
    signingSecret({}, dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('uses JWT_SECRET when set and then writes nothing', () => {
    expect(signingSecret({ JWT_SECRET: 'x'.repeat(40) }, dir)).toEqual({ secret: 'x'.repeat(40), source: 'environment' });
    expect(() => statSync(join(dir, 'jwt-secret'))).toThrow(/ENOENT/);
  });

  it('refuses a kept file that holds no usable secret, saying what to do', () => {
    writeFileSync(join(dir, 'jwt-secret'), 'short\n', { mode: 0o600 });
    expect(() => signingSecret({}, dir)).toThrow(LauncherSettingsError);
    expect(() => signingSecret({}, dir)).toThrow(/delete it and npm start makes a new one/);
  });
});
