import "server-only";

interface Job {
  run: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Password hashing costs ~32 MiB and tens of milliseconds of CPU each. This runs at most
 * `concurrency` at a time and takes the waiting jobs round-robin across clients, so a flood from
 * one client delays another client's sign-in by at most one job per flooding client.
 */
export class HashQueue {
  private running = 0;
  private served = 0;
  private readonly waiting = new Map<string, Job[]>();
  /** When each client was last served (a counter), so the one served longest ago goes next. */
  private readonly lastServed = new Map<string, number>();

  constructor(
    readonly concurrency: number,
    readonly perClientWaiting: number,
  ) {}

  /** Whether the client may queue one more job. */
  hasRoom(client: string): boolean {
    return (this.waiting.get(client)?.length ?? 0) < this.perClientWaiting;
  }

  run<T>(client: string, job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queue = this.waiting.get(client) ?? [];
      queue.push({ run: job, resolve: resolve as (v: unknown) => void, reject });
      this.waiting.set(client, queue);
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.size > 0) {
      const client = this.nextClient();
      const queue = this.waiting.get(client)!;
      const job = queue.shift()!;
      if (!queue.length) this.waiting.delete(client);
      this.lastServed.set(client, ++this.served);
      if (this.lastServed.size > 10_000) this.forgetIdle();
      this.running++;
      job
        .run()
        .then(job.resolve, job.reject)
        .finally(() => {
          this.running--;
          this.next();
        });
    }
  }

  private nextClient(): string {
    let best: string | null = null;
    let bestAt = Infinity;
    for (const client of this.waiting.keys()) {
      const at = this.lastServed.get(client) ?? -1;
      if (at < bestAt) {
        best = client;
        bestAt = at;
      }
    }
    return best!;
  }

  private forgetIdle(): void {
    for (const client of this.lastServed.keys()) if (!this.waiting.has(client)) this.lastServed.delete(client);
  }
}
