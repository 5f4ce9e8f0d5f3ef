import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bootstrap = join(__dirname, 'bootstrap.cjs');

describe('tools/bootstrap.cjs', () => {
  it('answers an unknown command with its usage and exit code 2, before installing anything', () => {
    const r = spawnSync(process.execPath, [bootstrap, 'deploy'], { encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: node tools/bootstrap.cjs start|test');
  });

  it('answers no command with its usage', () => {
    const r = spawnSync(process.execPath, [bootstrap], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
