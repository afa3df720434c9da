// Graceful shutdown of the HTTP server: stop accepting connections, answer every request already
// received (and any that arrives on an open connection meanwhile), then close the connections.
// Apollo's drain plugin ends connections that have no request at the moment of the signal, which
// drops a request whose bytes are on the wire but not yet parsed; here idle connections are ended only
// once nothing is being answered (or when the grace period is over).
import type http from "node:http";
import type { Socket } from "node:net";

const ACCEPT_PENDING_MS = 50;

export class HttpDrain {
  private readonly requestsOn = new Map<Socket, number>();
  private stopping = false;
  private allAnswered: (() => void) | null = null;

  constructor(private readonly server: http.Server) {
    server.on("connection", (socket: Socket) => {
      this.requestsOn.set(socket, 0);
      socket.once("close", () => {
        this.requestsOn.delete(socket);
        this.check();
      });
    });
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      const socket = req.socket;
      this.requestsOn.set(socket, (this.requestsOn.get(socket) ?? 0) + 1);
      // While draining, no connection is kept for another request.
      if (this.stopping) res.setHeader("Connection", "close");
      res.once("close", () => {
        this.requestsOn.set(socket, Math.max(0, (this.requestsOn.get(socket) ?? 1) - 1));
        this.check();
      });
    });
  }

  private check(): void {
    if (this.stopping && [...this.requestsOn.values()].every((n) => n === 0)) this.allAnswered?.();
  }

  /** Resolves when every connection is closed; after `graceMs` the remaining ones are destroyed. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    // Connections the kernel has completed but Node has not accepted yet would be reset when the
    // listener closes: give the event loop a moment to accept them first.
    await new Promise((resolve) => setTimeout(resolve, ACCEPT_PENDING_MS));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<"grace">((resolve) => (timer = setTimeout(() => resolve("grace"), graceMs)));
    const answered = new Promise<"answered">((resolve) => (this.allAnswered = () => resolve("answered")));
    this.check();
    const outcome = await Promise.race([answered, graceOver]);
    for (const socket of this.requestsOn.keys()) {
      if (outcome === "grace") socket.destroy();
      else socket.end();
    }
    await Promise.race([closed, graceOver]);
    for (const socket of this.requestsOn.keys()) socket.destroy();
    clearTimeout(timer);
    await closed;
  }
}
