// The reference marketplace's server (docs/clients.md, "Marketplace"): a
// small node:http server over the TypeScript client.  It lists the works
// with their bonding curves (curve_points), quotes a buy, builds the EIP-712
// Buy order the browser wallet signs (domain and types from the database),
// submits the signed order (execute_order), and streams recent trades from
// the ledger event feed (subscribe) to the page as server-sent events.
// Errors the database returns are sent as sentences, not codes.
//
//   node server.mjs [--port N] [--seed]   (PG* environment variables)
// --seed registers a demo work and funds the demo collector (idempotent).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import {
  CreativeDefi, InsufficientBalanceError, SlippageError, OrderExpiredError, OrderSignatureError, AssetPausedError,
  UnknownAssetError, CreativeDefiError,
} from '../../clients/typescript/dist/index.js';

const args = process.argv.slice(2);
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 8080; // 0: any free port
const db = new CreativeDefi();
const publicDir = new URL('./public/', import.meta.url);

export const DEMO = {
  currency: 'eip155:1/slip44:60',
  works: [
    { asset: 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/1001', title: 'Tidal Loop', curve: 'linear(base=1000, slope=250)', bps: 500 },
    { asset: 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/1002', title: 'Night Bus', curve: 'exponential(base=800, ratio=1.05)', bps: 250 },
  ],
  artist: '0xac134f13135d59f60e57d4810bd35144584ee1d5',
};

async function seed(collector) {
  await db.query(`SELECT creative_defi.set_order_domain('creative_defi_marketplace', '1', 31337, '0x00000000000000000000000000000000000ca7e5')`);
  for (const w of DEMO.works) {
    const [known] = await db.query('SELECT count(*) AS n FROM creative_defi.ledger_assets WHERE asset::text = $1', [w.asset]);
    if (known.n === 0n) {
      await db.registerAsset({ asset: w.asset, currency: DEMO.currency, curve: w.curve, split: `${DEMO.artist}=100%`,
                               creator: DEMO.artist, royaltyBps: w.bps, metadata: { title: w.title } });
    }
  }
  if (collector) await db.deposit({ account: collector, asset: DEMO.currency, amount: 1_000_000n, ref: `demo-funds-${collector.toLowerCase()}` });
}

/** A database refusal in words for the person at the page. */
export function inWords(e) {
  if (e instanceof InsufficientBalanceError) return `Not enough funds: you hold ${e.held} and this needs ${e.needed} (base units of ${e.asset}).`;
  if (e instanceof SlippageError) return 'The price moved above the most you agreed to pay. Get a new quote and try again.';
  if (e instanceof OrderExpiredError) return 'The signed order expired before it reached the market. Please sign again.';
  if (e instanceof OrderSignatureError) return 'The signature does not match your account.';
  if (e instanceof AssetPausedError) return 'Trading in this work is paused by its approvers.';
  if (e instanceof UnknownAssetError) return 'This work is not on sale here.';
  if (e instanceof CreativeDefiError) return 'The market refused the order.';
  return 'Something went wrong; nothing was charged.';
}

const s = (v) => (typeof v === 'bigint' ? v.toString() : v);
const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body, (_, v) => s(v)));
};

async function works() {
  const rows = await db.query(`
    SELECT a.asset::text AS asset, a.metadata->>'title' AS title, a.curve::text AS curve, a.supply, a.royalty_bps,
           a.currency::text AS currency,
           (SELECT jsonb_agg(jsonb_build_array(p.supply::text, p.price::text) ORDER BY p.supply)
              FROM creative_defi.curve_points(a.curve, 0, greatest(a.supply * 2, 40), 40) p) AS points
      FROM creative_defi.ledger_assets a ORDER BY a.asset::text`);
  return rows;
}

async function quote(asset, amount) {
  const [q] = await db.query(`
    SELECT c.cost, ceil(c.cost * a.royalty_bps / 10000.0) AS royalty,  -- buy's royalty: rounded up (ledger.md, buy)
           creative_defi.curve_buy_cost(a.curve, a.supply, 1) AS price_before,
           creative_defi.curve_buy_cost(a.curve, a.supply + $2::numeric, 1) AS price_after
      FROM creative_defi.ledger_assets a,
           LATERAL (SELECT creative_defi.curve_buy_cost(a.curve, a.supply, $2::numeric) AS cost) c
     WHERE a.asset::text = $1`, [asset, amount.toString()]);
  if (!q) throw new UnknownAssetError('CD001', `unknown asset ${asset}`);
  const impactBps = q.price_before === 0n ? 0n : ((q.price_after - q.price_before) * 10000n) / q.price_before;
  return { cost: q.cost, royalty: q.royalty, total: q.cost + q.royalty, priceBefore: q.price_before, priceAfter: q.price_after, impactBps };
}

const recentTrades = [];
const listeners = new Set();

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || '{}');
}

const routes = {
  'GET /api/works': async () => works(),
  'GET /api/quote': async (_, url) => quote(url.searchParams.get('asset'), BigInt(url.searchParams.get('amount'))),
  'GET /api/holdings': async (_, url) => db.holdings(url.searchParams.get('account')),
  'GET /api/trades': async () => recentTrades,
  // the Buy order to sign: amount and maxCost as the page quoted them
  'POST /api/order-to-sign': async (req) => {
    const b = await body(req);
    const [domain, types] = await Promise.all([db.orderDomain(), db.orderTypes()]);
    const nonce = BigInt('0x' + randomBytes(16).toString('hex'));
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 600);
    return {
      types: { EIP712Domain: types.EIP712Domain, Buy: types.Buy },
      primaryType: 'Buy',
      domain: { ...domain, chainId: domain.chainId.toString() },
      message: { signer: b.account, asset: b.asset, amount: String(BigInt(b.amount)), maxCost: String(BigInt(b.maxCost)),
                 nonce: nonce.toString(), deadline: deadline.toString() },
    };
  },
  'POST /api/orders': async (req) => {
    const b = await body(req);
    return db.executeOrder({ typedData: b.typedData, signature: b.signature });
  },
};

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/api/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('retry: 1000\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
    return;
  }
  const route = routes[`${req.method} ${url.pathname}`];
  if (route) {
    try {
      json(res, 200, await route(req, url));
    } catch (e) {
      json(res, e instanceof CreativeDefiError ? 409 : 400, { error: inWords(e) });
    }
    return;
  }
  const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
  if (!/^[a-z_]+\.(html|js|css)$/.test(name)) return json(res, 404, { error: 'not found' });
  try {
    res.writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] });
    res.end(await readFile(new URL(name, publicDir)));
  } catch {
    json(res, 404, { error: 'not found' });
  }
});

if (args.includes('--seed')) await seed(args[args.indexOf('--seed') + 1]?.startsWith('0x') ? args[args.indexOf('--seed') + 1] : undefined);
// the recent trades, from the ledger event feed: every buy and sell once, in order
await db.subscribe({
  afterSeq: 0n,
  onEvent: (e) => {
    if (e.kind !== 'buy' && e.kind !== 'sell') return;
    const units = e.postings.find((p) => p.asset === e.asset && p.amount > 0n && e.kind === 'buy') ?? e.postings.find((p) => p.asset === e.asset && p.amount < 0n);
    const trade = { seq: e.seq, kind: e.kind, asset: e.asset, account: units?.account, amount: units ? (units.amount < 0n ? -units.amount : units.amount) : 0n };
    recentTrades.unshift(trade);
    recentTrades.length = Math.min(recentTrades.length, 20);
    const line = `data: ${JSON.stringify(trade, (_, v) => s(v))}\n\n`;
    for (const l of listeners) l.write(line);
  },
});
server.listen(port, () => console.log(`marketplace: http://localhost:${server.address().port}/`));
