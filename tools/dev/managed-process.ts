import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface ManagedProcessOptions {
  /** Shown in messages ("api exited with code 1"). */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user (a root launcher runs PostgreSQL as its own user). */
  uid?: number;
  gid?: number;
  /** Called with every line the process writes to stdout or stderr. */
  onLine?: (line: string) => void;
  /** How many of the last output lines to keep for error messages. */
  tailLines?: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  error?: Error;
}

/**
 * A long-running child in its own process group. Detached so that a Ctrl-C in the terminal reaches only the
 * launcher, which then stops its children in order (apps first, the database last); killed with the whole
 * group so grandchildren go too, and killed when the launcher exits for any reason.
 */
export class ManagedProcess {
  readonly name: string;
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private readonly tailLimit: number;
  private exit?: ProcessExit;
  private readonly killOnLauncherExit = () => this.signal('SIGKILL');

  constructor(opts: ManagedProcessOptions) {
    this.name = opts.name;
    this.tailLimit = opts.tailLines ?? 40;
    this.child = spawn(opts.command, [...opts.args], {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      uid: opts.uid,
      gid: opts.gid,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const closed = Promise.all([this.stream(this.child.stdout, opts.onLine), this.stream(this.child.stderr, opts.onLine)]);
    this.exited = new Promise<ProcessExit>((resolve) => {
      const settle = (exit: ProcessExit) => {
        if (this.exit) return;
        this.exit = exit;
        process.off('exit', this.killOnLauncherExit);
        // Let the last lines arrive before anyone reads the tail, without waiting on a grandchild that holds the pipe.
        void Promise.race([closed, new Promise((r) => setTimeout(r, 500).unref())]).then(() => resolve(exit));
      };
      this.child.once('exit', (code, signal) => settle({ code, signal }));
      this.child.once('error', (error) => {
        this.remember(`${opts.command}: ${error.message}`);
        settle({ code: null, signal: null, error });
      });
    });
    process.on('exit', this.killOnLauncherExit);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** The last lines the process wrote (stdout and stderr interleaved). */
  lastLines(): string[] {
    return [...this.tail];
  }

  /** "api exited with code 1" / "was killed by SIGKILL" / "could not start: ...". */
  describeExit(exit: ProcessExit): string {
    if (exit.error) return `${this.name} could not start: ${exit.error.message}`;
    if (exit.signal) return `${this.name} was killed by ${exit.signal}`;
    return `${this.name} exited with code ${exit.code}`;
  }

  /** Sends a signal to the process group (the process and anything it started). */
  signal(sig: NodeJS.Signals): void {
    if (!this.running || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, sig);
    } catch {
      try {
        this.child.kill(sig);
      } catch {
        // already gone
      }
    }
  }

  /** Asks the process to stop, and kills it if it has not stopped within the timeout. */
  async stop(opts: { signal?: NodeJS.Signals; timeoutMs?: number } = {}): Promise<ProcessExit | undefined> {
    if (!this.running) return this.exit;
    this.signal(opts.signal ?? 'SIGTERM');
    const timedOut = Symbol('timeout');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      this.exited,
      new Promise<typeof timedOut>((r) => (timer = setTimeout(() => r(timedOut), opts.timeoutMs ?? 10_000))),
    ]);
    clearTimeout(timer);
    if (first !== timedOut) return first;
    this.remember(`(${this.name} did not stop within ${opts.timeoutMs ?? 10_000} ms: killed)`);
    this.signal('SIGKILL');
    return Promise.race([this.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 5_000).unref())]);
  }

  private remember(line: string): void {
    this.tail.push(line);
    if (this.tail.length > this.tailLimit) this.tail.shift();
  }

  private stream(input: Readable | null, onLine?: (line: string) => void): Promise<void> {
    if (!input) return Promise.resolve();
    const lines = createInterface({ input, crlfDelay: Infinity });
    lines.on('line', (line) => {
      this.remember(line);
      onLine?.(line);
    });
    return new Promise((resolve) => lines.once('close', () => resolve()));
  }
}
