// The client: one typed method per SQL function of the extension, over a
// node-postgres pool whose numeric and int8 columns parse to bigint.
import pg from 'pg';
import { amountParam, toBigInt, type Amount } from './amount.js';
import { translateError } from './errors.js';
import { bigintTypes } from './types.js';
import { withIdempotentRetry, type RetryOptions } from './retry.js';
import {
  signerAddress,
  signTypedData,
  type Eip712Domain,
  type Hex,
  type TypedDataSigner,
  type TypedField,
} from './signer.js';
import { Subscription, type SubscribeOptions } from './events.js';

export interface CreativeDefiConfig extends pg.PoolConfig {
  /** The extension's schema (default creative_defi). */
  schema?: string;
}

export interface MoveResult { txnId: bigint; moved: Amount }
export interface BuyResult { txnId: bigint; bought: Amount; cost: Amount; royalty: Amount; paid: Amount }
export interface SellResult { txnId: bigint; sold: Amount; proceeds: Amount; royalty: Amount; received: Amount }
export interface DistributeResult { txnId: bigint; distributed: Amount; recipients: number }
export interface RegisterResult { txnId: bigint; reserveAccount: Hex }
export interface Holding { asset: string; amount: Amount }
export interface PoolCreateResult { poolId: bigint; lpAsset: string; account: Hex; txnId: bigint }
export interface AddLiquidityResult { txnId: bigint; liquidity: Amount; usedA: Amount; usedB: Amount }
export interface RemoveLiquidityResult { txnId: bigint; amountA: Amount; amountB: Amount }
export interface SwapResult { txnId: bigint; assetOut: string; amountOut: Amount }
export interface ApproveResult { approver: Hex; approvals: number; required: number; applied: boolean; txnId: bigint | null }

/** A signed order's message without its signer (the wallet's address is filled in). */
export interface OrderMessages {
  Buy: { asset: string; amount: Amount; maxCost: Amount; nonce: bigint; deadline: bigint };
  Sell: { asset: string; amount: Amount; minProceeds: Amount; nonce: bigint; deadline: bigint };
  Transfer: { to: Hex; asset: string; amount: Amount; nonce: bigint; deadline: bigint };
  Withdraw: { recipient: Hex; asset: string; amount: Amount; nonce: bigint; deadline: bigint };
  Cancel: { nonce: bigint };
}
export type OrderType = keyof OrderMessages;

/** Typed data as the database takes it (uint256 values as decimal strings). */
export interface TypedDataJson {
  types: Record<string, TypedField[]>;
  primaryType: string;
  domain: { name: string; version: string; chainId: string; verifyingContract: string };
  message: Record<string, unknown>;
}

export interface SignedOrder { typedData: TypedDataJson; signature: Hex }

export interface OrderResult {
  orderHash: Hex;
  signer: Hex;
  nonce: bigint;
  kind: string;
  txnId: bigint;
  /** The ledger function's result; its numbers as bigint. */
  result: Record<string, bigint | string | boolean | null>;
}

export interface CancelResult { signer: Hex; nonce: bigint; cancelledAt: Date }

function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

function hexToBytes(hex: string): Buffer {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError(`not a hex byte string: ${hex}`);
  return Buffer.from(hex.slice(2), 'hex');
}

function bytesToHex(b: Buffer): Hex {
  return `0x${b.toString('hex')}`;
}

function textParam(name: string, value: string): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, not ${typeof value}`);
  return value;
}

function intParam(name: string, value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new TypeError(`${name} must be an integer`);
}

/** A parameter of a SQL call: the type it is cast to, and its value. */
type Arg = [sqlType: string, value: unknown];
/** How a result column is read: bigint (numeric, int8), int (integer), text (a type cast to text), or as node-postgres gives it. */
type ColumnKind = 'bigint' | 'int' | 'text' | 'raw';

const MOVED: Record<string, ColumnKind> = { txn_id: 'bigint', moved: 'bigint' };

function amount(name: string, value: Amount): Arg {
  return ['numeric', amountParam(name, value)];
}

function ref(value: string): Arg {
  return ['text', textParam('ref', value)];
}

function int(name: string, value: number | bigint, sqlType = 'integer'): Arg {
  return [sqlType, intParam(name, value)];
}

// jsonb result objects with their numbers as text, so that none passes
// through JSON.parse as a float: [{key: text}, number keys]
function numbersAsText(column: string): string {
  return `(SELECT jsonb_build_object('values', coalesce(jsonb_object_agg(j.k, j.v #>> '{}'), '{}'::jsonb),
                  'numbers', coalesce(jsonb_agg(j.k) FILTER (WHERE jsonb_typeof(j.v) = 'number'), '[]'::jsonb))
             FROM jsonb_each(${column}) AS j(k, v))`;
}

function parseNumbersAsText(value: { values: Record<string, string | null>; numbers: string[] }): Record<string, bigint | string | boolean | null> {
  const out: Record<string, bigint | string | boolean | null> = {};
  for (const [k, v] of Object.entries(value.values)) {
    if (v !== null && value.numbers.includes(k)) out[k] = /^-?\d+$/.test(v) ? BigInt(v) : v;
    else if (v === 'true' || v === 'false') out[k] = v === 'true';
    else out[k] = v;
  }
  return out;
}

export class CreativeDefi {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** The connection settings, for the listening connection of subscribe(). */
  readonly connection: pg.ClientConfig;
  private orderTypesCache?: Record<string, TypedField[]>;

  constructor(config: CreativeDefiConfig = {}) {
    const { schema, ...poolConfig } = config;
    this.schema = schema ?? 'creative_defi';
    this.connection = { ...poolConfig, types: bigintTypes };
    this.pool = new pg.Pool({ ...poolConfig, types: bigintTypes });
    // an idle pooled connection that the server closes is dropped by the
    // pool; without a listener its error would be an uncaught exception
    this.pool.on('error', () => undefined);
  }

  async end(): Promise<void> {
    await this.pool.end();
  }

  /** Run one statement; CD errors come back as their typed classes. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    try {
      const r = await this.pool.query<R>(text, values);
      return r.rows;
    } catch (err) {
      throw translateError(err);
    }
  }

  private fn(name: string): string {
    return `${ident(this.schema)}.${ident(name)}`;
  }

  private t(type: string): string {
    return `${ident(this.schema)}.${ident(type)}`;
  }

  private async one<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R> {
    const rows = await this.query<R>(text, values);
    if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
    return rows[0];
  }

  /** Resubmit `call` with the same ref after a lost connection or serialization failure (see retry.ts). */
  retry<T>(call: () => Promise<T>, options?: RetryOptions): Promise<T> {
    return withIdempotentRetry(call, options);
  }

  // ---- one SQL call -----------------------------------------------------

  /**
   * SELECT the columns `out` from the function `fn` called with `args` (each
   * a SQL type to cast the parameter to, and the value), as one row whose
   * snake_case columns become camelCase keys; 'bigint' columns are checked
   * whole numbers, 'text' ones are cast to text (eth_address, asset).
   */
  private async call<R>(fn: string, args: Arg[], out: Record<string, ColumnKind>): Promise<R> {
    const columns = Object.entries(out).map(([c, kind]) => (kind === 'text' ? `${ident(c)}::text AS ${ident(c)}` : ident(c)));
    const params = args.map(([type], i) => `$${i + 1}::${type}`);
    const row = await this.one<Record<string, unknown>>(
      `SELECT ${columns.join(', ')} FROM ${this.fn(fn)}(${params.join(', ')}) AS ${ident(fn)}`, args.map(([, v]) => v));
    const result: Record<string, unknown> = {};
    for (const [c, kind] of Object.entries(out)) {
      const v = row[c];
      result[c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase())] = kind === 'bigint' && v !== null ? toBigInt(c, v) : v;
    }
    return result as R;
  }

  private asset(value: string): Arg {
    return [this.t('asset'), textParam('asset', value)];
  }

  private address(value: string): Arg {
    return [this.t('eth_address'), textParam('account', value)];
  }

  // ---- ledger ----------------------------------------------------------

  async deposit(p: { account: Hex; asset: string; amount: Amount; ref: string }): Promise<MoveResult> {
    return this.call('deposit', [this.address(p.account), this.asset(p.asset), amount('amount', p.amount), ref(p.ref)], MOVED);
  }

  async withdraw(p: { account: Hex; asset: string; amount: Amount; ref: string }): Promise<MoveResult> {
    return this.call('withdraw', [this.address(p.account), this.asset(p.asset), amount('amount', p.amount), ref(p.ref)], MOVED);
  }

  async transfer(p: { from: Hex; to: Hex; asset: string; amount: Amount; ref: string }): Promise<MoveResult> {
    return this.call('transfer', [this.address(p.from), this.address(p.to), this.asset(p.asset), amount('amount', p.amount), ref(p.ref)], MOVED);
  }

  async buy(p: { asset: string; buyer: Hex; amount: Amount; maxCost: Amount; ref: string }): Promise<BuyResult> {
    return this.call('buy', [this.asset(p.asset), this.address(p.buyer), amount('amount', p.amount), amount('maxCost', p.maxCost), ref(p.ref)],
      { txn_id: 'bigint', bought: 'bigint', cost: 'bigint', royalty: 'bigint', paid: 'bigint' });
  }

  async sell(p: { asset: string; seller: Hex; amount: Amount; minProceeds: Amount; ref: string }): Promise<SellResult> {
    return this.call('sell', [this.asset(p.asset), this.address(p.seller), amount('amount', p.amount), amount('minProceeds', p.minProceeds), ref(p.ref)],
      { txn_id: 'bigint', sold: 'bigint', proceeds: 'bigint', royalty: 'bigint', received: 'bigint' });
  }

  async distribute(p: { asset: string; payer: Hex; amount: Amount; ref: string }): Promise<DistributeResult> {
    return this.call('distribute', [this.asset(p.asset), this.address(p.payer), amount('amount', p.amount), ref(p.ref)],
      { txn_id: 'bigint', distributed: 'bigint', recipients: 'int' });
  }

  /** Register an asset on a bonding curve; curve and split in their text forms ('linear(base=100, slope=10)', '0x…=100%'). */
  async registerAsset(p: {
    asset: string; currency: string; curve: string; split: string; creator: Hex;
    royaltyBps?: number; contentHash?: Hex | null; metadata?: Record<string, unknown>;
  }): Promise<RegisterResult> {
    return this.call('register_asset', [
      this.asset(p.asset), this.asset(p.currency), [this.t('bonding_curve'), textParam('curve', p.curve)],
      [this.t('royalty_split'), textParam('split', p.split)], this.address(p.creator), int('royaltyBps', p.royaltyBps ?? 0),
      ['bytea', p.contentHash ? hexToBytes(p.contentHash) : null], ['jsonb', JSON.stringify(p.metadata ?? {})],
    ], { txn_id: 'bigint', reserve_account: 'text' });
  }

  async balance(account: Hex, asset: string): Promise<Amount> {
    return (await this.call<{ balance: bigint }>('balance', [this.address(account), this.asset(asset)], { balance: 'bigint' })).balance;
  }

  async holdings(account: Hex): Promise<Holding[]> {
    const rows = await this.query<{ asset: string; amount: bigint }>(
      `SELECT asset::text, amount FROM ${this.fn('holdings')}($1::${this.t('eth_address')}) ORDER BY asset::text`, [account]);
    return rows.map((r) => ({ asset: r.asset, amount: toBigInt('amount', r.amount) }));
  }

  /** The chain's head (sealing what waits, in READ COMMITTED). */
  async journalHead(): Promise<{ seq: bigint; hash: Hex }> {
    const r = await this.one<{ seq: bigint; hash: Buffer }>(`SELECT seq, hash FROM ${this.fn('journal_head')}()`, []);
    return { seq: toBigInt('seq', r.seq), hash: bytesToHex(r.hash) };
  }

  // ---- signed orders ---------------------------------------------------

  /** The deployment's EIP-712 domain (CD026 when not configured). */
  async orderDomain(): Promise<Eip712Domain> {
    const r = await this.one<{ d: { name: string; version: string; chainId: string; verifyingContract: Hex } }>(
      `SELECT ${this.fn('order_domain_json')}() AS d`, []);
    return { name: r.d.name, version: r.d.version, chainId: BigInt(r.d.chainId), verifyingContract: r.d.verifyingContract };
  }

  /** The EIP-712 types of orders and approvals, as the database defines them (cached: order_types() is IMMUTABLE). */
  async orderTypes(): Promise<Record<string, TypedField[]>> {
    if (!this.orderTypesCache) {
      const r = await this.one<{ t: Record<string, TypedField[]> }>(`SELECT ${this.fn('order_types')}() AS t`, []);
      this.orderTypesCache = r.t;
    }
    return this.orderTypesCache;
  }

  /**
   * Build the typed data of an order from the database's domain and types,
   * have the wallet sign it, and return what execute_order (or
   * cancel_nonce) takes.  uint256 fields must be bigint.
   */
  async signOrder<K extends OrderType>(wallet: TypedDataSigner, primaryType: K, fields: OrderMessages[K]): Promise<SignedOrder> {
    const [domain, types, signer] = await Promise.all([this.orderDomain(), this.orderTypes(), signerAddress(wallet)]);
    const fieldList = types[primaryType];
    if (!fieldList) throw new TypeError(`the database has no order type ${primaryType}`);
    const given: Record<string, unknown> = { signer, ...(fields as Record<string, unknown>) };
    const message: Record<string, unknown> = {};
    const json: Record<string, unknown> = {};
    for (const f of fieldList) {
      const v = given[f.name];
      if (f.type === 'uint256') {
        json[f.name] = amountParam(f.name, v as bigint);
        message[f.name] = v;
      } else {
        json[f.name] = textParam(f.name, v as string);
        message[f.name] = v;
      }
    }
    for (const k of Object.keys(given)) {
      if (!fieldList.some((f) => f.name === k)) throw new TypeError(`${primaryType} has no field ${k}`);
    }
    const signature = await signTypedData(wallet, domain, primaryType, fieldList, message);
    return {
      typedData: {
        types: { EIP712Domain: types.EIP712Domain, [primaryType]: fieldList },
        primaryType,
        domain: { name: domain.name, version: domain.version, chainId: domain.chainId.toString(), verifyingContract: domain.verifyingContract },
        message: json,
      },
      signature,
    };
  }

  /** Submit a signed Buy, Sell, Transfer or Withdraw order (execute_order); a resubmission returns the original result. */
  async executeOrder(order: SignedOrder): Promise<OrderResult> {
    const r = await this.one<{ order_hash: Buffer; signer: string; nonce: bigint; kind: string; txn_id: bigint;
                               result: { values: Record<string, string | null>; numbers: string[] } }>(
      `SELECT e.order_hash, e.signer::text, e.nonce, e.kind, e.txn_id, ${numbersAsText('e.result')} AS result
         FROM ${this.fn('execute_order')}($1::jsonb, $2::bytea) e`,
      [JSON.stringify(order.typedData), hexToBytes(order.signature)]);
    return { orderHash: bytesToHex(r.order_hash), signer: r.signer as Hex, nonce: toBigInt('nonce', r.nonce), kind: r.kind,
             txnId: toBigInt('txn_id', r.txn_id), result: parseNumbersAsText(r.result) };
  }

  /** Sign and submit in one step. */
  async placeOrder<K extends Exclude<OrderType, 'Cancel'>>(wallet: TypedDataSigner, primaryType: K, fields: OrderMessages[K]): Promise<OrderResult> {
    return this.executeOrder(await this.signOrder(wallet, primaryType, fields));
  }

  /** Cancel a nonce with a signed Cancel (cancel_nonce). */
  async cancelNonce(wallet: TypedDataSigner, nonce: bigint): Promise<CancelResult> {
    const order = await this.signOrder(wallet, 'Cancel', { nonce });
    return this.call('cancel_nonce', [['jsonb', JSON.stringify(order.typedData)], ['bytea', hexToBytes(order.signature)]],
      { signer: 'text', nonce: 'bigint', cancelled_at: 'raw' });
  }

  // ---- pools -----------------------------------------------------------

  async poolCreate(p: { assetA: string; assetB: string; feeBps?: number }): Promise<PoolCreateResult> {
    return this.call('pool_create', [this.asset(p.assetA), this.asset(p.assetB), int('feeBps', p.feeBps ?? 30)],
      { pool_id: 'bigint', lp_asset: 'text', account: 'text', txn_id: 'bigint' });
  }

  async poolAddLiquidity(p: { pool: bigint; provider: Hex; amountA: Amount; amountB: Amount; minLiquidity: Amount; ref: string }): Promise<AddLiquidityResult> {
    return this.call('pool_add_liquidity', [int('pool', p.pool, 'bigint'), this.address(p.provider), amount('amountA', p.amountA),
      amount('amountB', p.amountB), amount('minLiquidity', p.minLiquidity), ref(p.ref)],
      { txn_id: 'bigint', liquidity: 'bigint', used_a: 'bigint', used_b: 'bigint' });
  }

  async poolRemoveLiquidity(p: { pool: bigint; provider: Hex; liquidity: Amount; minA: Amount; minB: Amount; ref: string }): Promise<RemoveLiquidityResult> {
    return this.call('pool_remove_liquidity', [int('pool', p.pool, 'bigint'), this.address(p.provider), amount('liquidity', p.liquidity),
      amount('minA', p.minA), amount('minB', p.minB), ref(p.ref)],
      { txn_id: 'bigint', amount_a: 'bigint', amount_b: 'bigint' });
  }

  async poolSwap(p: { pool: bigint; trader: Hex; assetIn: string; amountIn: Amount; minOut: Amount; ref: string }): Promise<SwapResult> {
    return this.call('pool_swap', [int('pool', p.pool, 'bigint'), this.address(p.trader), this.asset(p.assetIn),
      amount('amountIn', p.amountIn), amount('minOut', p.minOut), ref(p.ref)],
      { txn_id: 'bigint', asset_out: 'text', amount_out: 'bigint' });
  }

  // ---- approvals -------------------------------------------------------

  /** Propose a governance change of an asset (curve, split, royalty_bps, paused); returns the proposal id. */
  async proposeChange(p: { asset: string; change: Record<string, unknown>; proposer: Hex; expiresAt?: Date }): Promise<bigint> {
    const r = await this.one<{ id: bigint }>(
      p.expiresAt
        ? `SELECT ${this.fn('propose_change')}($1::${this.t('asset')}, $2::jsonb, $3::${this.t('eth_address')}, $4::timestamptz) AS id`
        : `SELECT ${this.fn('propose_change')}($1::${this.t('asset')}, $2::jsonb, $3::${this.t('eth_address')}) AS id`,
      p.expiresAt ? [p.asset, JSON.stringify(p.change), p.proposer, p.expiresAt] : [p.asset, JSON.stringify(p.change), p.proposer]);
    return toBigInt('id', r.id);
  }

  /** Sign a proposal's Approve typed data (from approval_typed_data) with the approver's wallet and submit it. */
  async approveChange(wallet: TypedDataSigner, proposalId: bigint): Promise<ApproveResult> {
    const td = (await this.one<{ td: TypedDataJson }>(
      `SELECT ${this.fn('approval_typed_data')}($1::bigint) AS td`, [intParam('proposalId', proposalId)])).td;
    const fields = td.types[td.primaryType];
    const message: Record<string, unknown> = {};
    for (const f of fields) {
      const v = td.message[f.name];
      message[f.name] = f.type === 'uint256' ? BigInt(v as string) : v;
    }
    const domain: Eip712Domain = { name: td.domain.name, version: td.domain.version, chainId: BigInt(td.domain.chainId),
                                   verifyingContract: td.domain.verifyingContract as Hex };
    const signature = await signTypedData(wallet, domain, td.primaryType, fields, message);
    return this.call('approve_change', [int('proposalId', proposalId, 'bigint'), ['bytea', hexToBytes(signature)]],
      { approver: 'text', approvals: 'int', required: 'int', applied: 'raw', txn_id: 'bigint' });
  }

  // ---- events ----------------------------------------------------------

  /**
   * Every sealed ledger transaction after `afterSeq`, exactly once and in
   * chain order, across reconnects (see events.ts).
   */
  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const s = new Subscription(this.connection, this.schema, options);
    await s.start();
    return s;
  }
}
