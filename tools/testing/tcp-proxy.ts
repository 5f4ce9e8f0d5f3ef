import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy between the apps (or the code under test) and PostgreSQL, so a test or the chaos run can take the
 * database away from them, and only from them: the test's own checks connect directly.
 *
 * `outage(ms)` is a network partition that also resets: every open connection through the proxy is destroyed at
 * once (the apps see their sockets end mid-query, as after a PostgreSQL restart, a failover or a dropped NAT
 * entry), and for `ms` every new connection is accepted and closed straight away (the apps' pools and the
 * relay's LISTEN connection fail to reconnect until it ends). That is what exercises the apps' reconnect path: a
 * mere stall of the bytes would only delay queries already sent, and the same connections would carry on.
 */
export class TcpProxy {
  private server?: Server;
  private readonly open = new Set<Socket>();
  private refusingUntil = 0;
  /** Connections accepted (and forwarded) since start, and those closed at once during an outage. */
  readonly stats = { forwarded: 0, refused: 0, cut: 0 };

  constructor(
    readonly target: { host: string; port: number },
    readonly listenPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (Date.now() < this.refusingUntil) {
      this.stats.refused++;
      client.destroy();
      return;
    }
    this.stats.forwarded++;
    const upstream = createConnection(this.target);
    upstream.on('error', () => undefined);
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    this.open.add(client);
    this.open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.open.delete(client);
      this.open.delete(upstream);
    };
    client.once('close', end);
    upstream.once('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Cuts every open connection and refuses new ones for `ms`; resolves when connections are accepted again. */
  async outage(ms: number): Promise<{ cut: number }> {
    this.refusingUntil = Date.now() + ms;
    const sockets = [...this.open];
    // resetAndDestroy sends an RST, as a dropped connection looks to its peer; the upstream side is closed too,
    // so PostgreSQL ends those backends (their transactions roll back).
    for (const s of sockets) {
      if (s.resetAndDestroy) s.resetAndDestroy();
      else s.destroy();
    }
    this.open.clear();
    const cut = Math.floor(sockets.length / 2);
    this.stats.cut += cut;
    await new Promise((r) => setTimeout(r, ms));
    return { cut };
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    this.open.clear();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
