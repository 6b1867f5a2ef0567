import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type Koa from 'koa';

/**
 * The listening socket, separate from the Koa app so the tray can rebind
 * (127.0.0.1 <-> LAN) without a restart, and shutdown can drain in-flight requests.
 */
export class HttpServer {
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly busy = new WeakSet<Socket>();

  constructor(private readonly app: Koa) {}

  private create(): http.Server {
    const server = http.createServer(this.app.callback());
    server.keepAliveTimeout = 65_000;
    server.requestTimeout = 0; // streams can legitimately run for many minutes
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    server.on('request', (req, res) => {
      this.busy.add(req.socket);
      res.on('finish', () => {
        this.busy.delete(req.socket);
        // While draining, a keep-alive socket is closed as soon as its last response is out.
        if (draining.has(server)) setImmediate(() => req.socket.destroy());
      });
    });
    return server;
  }

  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    const server = this.create();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return this.address()!;
  }

  address(): { host: string; port: number } | null {
    const a = this.server?.address() as AddressInfo | null | undefined;
    return a ? { host: a.address, port: a.port } : null;
  }

  /** Binds the new address first, then drains the old listener, so there is no gap. */
  async rebind(host: string, port: number): Promise<{ host: string; port: number }> {
    const old = this.server;
    if (!old) return this.listen(host, port);
    const oldSockets = new Set(this.sockets);
    try {
      const addr = await this.listen(host, port);
      await closeServer(old, oldSockets, this.busy, 5_000);
      return addr;
    } catch (err) {
      // The same port on an overlapping interface (0.0.0.0 covers 127.0.0.1): free it first.
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      await closeServer(old, oldSockets, this.busy, 5_000);
      return this.listen(host, port);
    }
  }

  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then cuts the rest. */
  async close(graceMs = 10_000): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await closeServer(server, this.sockets, this.busy, graceMs);
  }
}

const draining = new WeakSet<http.Server>();

async function closeServer(server: http.Server, sockets: Set<Socket>, busy: WeakSet<Socket>, graceMs: number): Promise<void> {
  draining.add(server);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const s of sockets) if (!busy.has(s)) s.destroy();
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    for (const s of sockets) s.destroy();
  }, graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
