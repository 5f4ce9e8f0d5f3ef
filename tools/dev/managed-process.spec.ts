import { readFileSync } from 'node:fs';

import { ManagedProcess } from './managed-process';

const node = (script: string, name = 'child') => new ManagedProcess({ name, command: process.execPath, args: ['-e', script] });

/** Running (a zombie left for a non-reaping init counts as gone). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('ManagedProcess', () => {
  it("keeps a crashed process's last output lines and describes its exit", async () => {
    const p = new ManagedProcess({
      name: 'api',
      command: process.execPath,
      args: ['-e', 'for (let i = 1; i <= 60; i++) console.log("line " + i); console.error("boom"); process.exit(3)'],
      tailLines: 5,
    });
    const exit = await p.exited;
    expect(exit.code).toBe(3);
    expect(p.running).toBe(false);
    expect(p.describeExit(exit)).toBe('api exited with code 3');
    expect(p.lastLines()).toHaveLength(5);
    expect(p.lastLines()).toContain('boom');
    expect(p.lastLines()).toContain('line 60');
  });

  it('reports a command that cannot start', async () => {
    const p = new ManagedProcess({ name: 'ghost', command: '/nonexistent/cairn-no-such-binary', args: [] });
    const exit = await p.exited;
    expect(exit.error).toBeDefined();
    expect(p.describeExit(exit)).toMatch(/^ghost could not start: .*ENOENT/);
  });

  it('stops a process with the signal asked for', async () => {
    const p = node(
      'process.on("SIGTERM", () => { console.log("draining"); process.exit(0); }); console.log("up"); setInterval(() => {}, 1000);',
    );
    await waitForLine(p, 'up');
    const exit = await p.stop({ signal: 'SIGTERM', timeoutMs: 5000 });
    expect(exit).toMatchObject({ code: 0 });
    expect(p.lastLines()).toContain('draining');
  });

  it('kills a process that ignores the stop signal once the timeout passes', async () => {
    const p = node('process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000);');
    await waitForLine(p, 'up');
    const started = Date.now();
    const exit = await p.stop({ signal: 'SIGTERM', timeoutMs: 300 });
    expect(exit?.signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops the processes its process started as well', async () => {
    const p = node(
      'const c = require("child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); console.log("grandchild " + c.pid); setInterval(() => {}, 1000);',
    );
    const line = await waitForLine(p, 'grandchild ');
    const grandchild = Number(line.split(' ')[1]);
    expect(alive(grandchild)).toBe(true);
    await p.stop({ timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(grandchild)).toBe(false);
  });
});

async function waitForLine(p: ManagedProcess, prefix: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const line = p.lastLines().find((l) => l.startsWith(prefix));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no line starting with "${prefix}"`);
}
