// subscribe(): every sealed ledger transaction exactly once, in chain
// order, across reconnects.
//
// The cursor is the truth: ledger_events(after_seq, max_rows) returns the
// sealed journal after a sequence number, and the chain a snapshot sees
// has no gaps (docs/ledger.md, "Events").  A NOTIFY on
// ledger_events_channel() only wakes the reader.  On every (re)connection
// the subscription LISTENs first and then catches up from the last seq it
// delivered, so a transaction sealed while it was disconnected, or between
// the catch-up and the LISTEN, is read by the catch-up; events are handed
// over one at a time, in seq order, and the last seq advances only after
// the handler returned, so none is delivered twice.
import pg from 'pg';
import { toBigInt, type Amount } from './amount.js';
import { translateError } from './errors.js';
import type { Hex } from './signer.js';

export interface Posting { account: Hex; asset: string; amount: Amount }

export interface LedgerEvent {
  seq: bigint;
  txnId: bigint;
  kind: string;
  ref: string;
  asset: string;
  hash: Hex;
  createdAt: Date;
  postings: Posting[];
}

export interface SubscribeOptions {
  /** Deliver events after this sequence number (0: from the first). */
  afterSeq: bigint;
  /** Called for each event in order; the next waits for its promise. */
  onEvent: (event: LedgerEvent) => void | Promise<void>;
  /** Called when the listening connection fails (it reconnects), or when onEvent threw (that event is offered again later). */
  onError?: (err: unknown) => void;
  /** Rows per ledger_events call (default 500). */
  batch?: number;
  /**
   * A transaction whose own call could not seal (another sealer held the
   * seal lock) becomes an event when the next one seals.  On a quiet ledger
   * that may be never, so while idle the subscription calls ledger_seal()
   * this often (ms; default 1000, 0 never).
   */
  sealEveryMs?: number;
  /** First reconnection delay in ms, doubled up to 5 s (default 100). */
  reconnectDelayMs?: number;
}

interface EventRow {
  seq: bigint; txn_id: bigint; kind: string; ref: string; asset: string; hash: Buffer; created_at: Date;
  postings: { account: string; asset: string; amount: string }[];
}

function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

export class Subscription {
  private last: bigint;
  private client?: pg.Client;
  private closed = false;
  private pumping = false;
  private again = false;
  private sealTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private delay: number;
  /** How many times the listening connection was (re)established. */
  connections = 0;
  /** The backend pid of the current listening connection. */
  backendPid?: number;

  constructor(private readonly connection: pg.ClientConfig, private readonly schema: string, private readonly options: SubscribeOptions) {
    this.last = toBigInt('afterSeq', options.afterSeq);
    this.delay = options.reconnectDelayMs ?? 100;
  }

  /** The last sequence number delivered. */
  get lastSeq(): bigint {
    return this.last;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.sealTimer);
    const c = this.client;
    this.client = undefined;
    if (c) await c.end().catch(() => undefined);
  }

  private fn(name: string): string {
    return `${ident(this.schema)}.${ident(name)}`;
  }

  private async connect(): Promise<void> {
    const c = new pg.Client(this.connection);
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c, new Error('the listening connection ended')));
    await c.connect();
    try {
      const channel = (await c.query<{ ch: string }>(`SELECT ${this.fn('ledger_events_channel')}() AS ch`)).rows[0].ch;
      await c.query(`LISTEN ${ident(channel)}`);
      this.backendPid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    } catch (err) {
      await c.end().catch(() => undefined);
      throw translateError(err);
    }
    if (this.closed) {
      await c.end().catch(() => undefined);
      return;
    }
    c.on('notification', (n) => {
      if (n.payload !== undefined && /^\d+$/.test(n.payload) && BigInt(n.payload) <= this.last) return;
      this.pump();
    });
    this.client = c;
    this.connections++;
    this.delay = this.options.reconnectDelayMs ?? 100;
    const every = this.options.sealEveryMs ?? 1000;
    clearInterval(this.sealTimer);
    if (every > 0) this.sealTimer = setInterval(() => this.seal(c), every);
    this.pump();
  }

  private lost(c: pg.Client, err: unknown): void {
    if (c !== this.client) return; // an older connection, already replaced
    this.client = undefined;
    clearInterval(this.sealTimer);
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (this.closed) return;
    this.options.onError?.(err);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((err) => {
        this.options.onError?.(err);
        this.delay = Math.min(this.delay * 2, 5000);
        if (!this.closed) this.scheduleReconnect();
      });
    }, this.delay);
  }

  private seal(c: pg.Client): void {
    if (this.pumping || c !== this.client) return;
    // seals what waits; the trigger's NOTIFY then wakes the pump
    c.query(`SELECT ${this.fn('ledger_seal')}()`).catch(() => undefined);
  }

  /** Read and deliver everything after the last seq; one reader at a time. */
  private pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    this.drain().catch((err) => {
      // the handler threw (or the feed broke its order): the event was not
      // delivered and lastSeq did not advance; report, and try again later
      this.options.onError?.(err);
      if (!this.closed) setTimeout(() => this.pump(), this.delay).unref();
    }).finally(() => {
      this.pumping = false;
      // a wake-up (a notification, a reconnection) that came while this
      // drain was ending on a lost connection must not be dropped
      if (this.again && this.client && !this.closed) this.pump();
    });
  }

  private async drain(): Promise<void> {
    const batch = this.options.batch ?? 500;
    do {
      this.again = false;
      for (;;) {
        const c = this.client;
        if (!c || this.closed) return;
        let rows: EventRow[];
        try {
          rows = (await c.query<EventRow>(
            `SELECT seq, txn_id, kind, ref, asset::text AS asset, hash, created_at, postings
               FROM ${this.fn('ledger_events')}($1::bigint, $2::integer)`, [this.last.toString(), batch])).rows;
        } catch (err) {
          // the connection's 'error'/'end' handler reconnects; a failed
          // query on a live connection is reported and retried on reconnect
          if (c === this.client) this.lost(c, translateError(err));
          return;
        }
        for (const r of rows) {
          const seq = toBigInt('seq', r.seq);
          if (seq !== this.last + 1n) {
            // the chain a snapshot sees is gap-free: a jump means a bug, never skip
            throw new Error(`ledger_events returned seq ${seq} after ${this.last}`);
          }
          await this.options.onEvent({
            seq,
            txnId: toBigInt('txn_id', r.txn_id),
            kind: r.kind,
            ref: r.ref,
            asset: r.asset,
            hash: `0x${r.hash.toString('hex')}`,
            createdAt: r.created_at,
            postings: r.postings.map((p) => ({ account: p.account as Hex, asset: p.asset, amount: BigInt(p.amount) })),
          });
          this.last = seq;
        }
        if (rows.length < batch) break;
      }
    } while (this.again && !this.closed);
  }
}
