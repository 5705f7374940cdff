// Wallet isolation (test/suites/wallet_isolation.sh): two wallets sign in
// through node-postgres as an application would, and each sees only its
// own rows.
//
// The application connects as a LOGIN role that is a member of
// creative_defi_wallet_app.  For each wallet it asks siwe_nonce() for a
// nonce, builds the Sign-In with Ethereum message (alice's with the `siwe`
// package's SiweMessage, bob's with viem's createSiweMessage), has the wallet
// sign it (alice an ethers Wallet, bob a viem account), and trades the
// signature for a session token with wallet_login.  Every request is a
// transaction that first sets creative_defi.session_token for itself only
// (set_config(..., true), as PostgREST passes its claims), on connections
// of a pool that both wallets share.  Each wallet then buys with an EIP-712
// order and approves its own proposal; and in every view and every function
// the role may execute that is not IMMUTABLE (the list is read from the
// catalog and must be the reviewed one), each wallet finds exactly its own
// rows, as the owner's connection reads them from the tables.
//
// Prints one line a check; exits 1 on any failure.
import pg from 'pg';
import { Wallet, randomBytes, hexlify } from 'ethers';
import { SiweMessage } from 'siwe';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';

const DOMAIN = 'app.example';
const SONG = (n) => `eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/${n}`;
const ETH = 'eip155:1/slip44:60';
const VIEWS = ['wallet_holdings', 'wallet_postings', 'wallet_transactions', 'wallet_order_nonces', 'wallet_sign_ins',
	'wallet_proposals', 'wallet_approvals'];
// the functions creative_defi_wallet_app may execute that are not IMMUTABLE
// (test/pgtap/wallet_access.sql holds the same list); each is called below
const REVIEWED = ['current_wallet()', 'order_domain_json()', 'order_typed_data(text,jsonb)', 'siwe_nonce(text,interval)',
	'wallet_approval_typed_data(bigint)', 'wallet_approve_change(bigint,bytea)', 'wallet_cancel_nonce(jsonb,bytea)',
	'wallet_execute_order(jsonb,bytea)', 'wallet_login(text,bytea)', 'wallet_logout(text)'];

let failed = 0;
function check(name, ok, detail) {
	console.log(`${ok ? 'ok' : 'FAIL'}: ${name}${ok || detail === undefined ? '' : `: ${detail}`}`);
	if (!ok) failed++;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// the owner's connection (the libpq environment's superuser)
const owner = new pg.Client();
await owner.connect();
await owner.query('SET search_path = creative_defi, public');
const appPassword = hexlify(randomBytes(16));
await owner.query('DROP ROLE IF EXISTS cd_isolation_app');
await owner.query(`CREATE ROLE cd_isolation_app LOGIN PASSWORD '${appPassword}' IN ROLE creative_defi_wallet_app`);
await owner.query(`ALTER ROLE cd_isolation_app SET search_path = creative_defi, public`);

// the application's pool: two connections, shared by every request
const pool = new pg.Pool({ user: 'cd_isolation_app', password: appPassword, max: 2 });

// A request for a wallet: a transaction whose session setting ends with it.
async function request(token, fn) {
	const c = await pool.connect();
	try {
		await c.query('BEGIN');
		await c.query(`SELECT set_config('creative_defi.session_token', $1, true)`, [token ?? '']);
		const r = await fn(c);
		await c.query('COMMIT');
		return r;
	} catch (e) {
		await c.query('ROLLBACK');
		throw e;
	} finally {
		c.release();
	}
}
async function sqlstate(token, fn) {
	try { await request(token, fn); return 'none'; } catch (e) { return e.code; }
}

try {
	const alice = { name: 'alice', kind: 'ethers', wallet: Wallet.createRandom() };
	alice.address = alice.wallet.address;
	alice.sign = (m) => alice.wallet.signMessage(m);
	alice.signTyped = (t) => alice.wallet.signTypedData(t.domain, (({ EIP712Domain, ...rest }) => rest)(t.types), t.message);
	const bobAccount = privateKeyToAccount(generatePrivateKey());
	const bob = { name: 'bob', kind: 'viem', address: bobAccount.address };
	bob.sign = (m) => bobAccount.signMessage({ message: m });
	bob.signTyped = (t) => bobAccount.signTypedData({ domain: t.domain, types: (({ EIP712Domain, ...rest }) => rest)(t.types),
		primaryType: t.primaryType, message: t.message });
	const wallets = [alice, bob];

	// the ledger, set up by its owner: a song each, ETH for each, and a
	// proposal each on its own song that only its proposer approves
	await owner.query(`SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00')`);
	for (const [i, w] of wallets.entries()) {
		w.song = SONG(1000 + i);
		await owner.query(`SELECT register_asset($1::asset, $2::asset, 'linear(base=100, slope=10)', ($3 || '=100%')::royalty_split, $3::eth_address, 250)`,
			[w.song, ETH, '0xac134f13135d59f60e57d4810bd35144584ee1d5']);
		await owner.query(`SELECT deposit($1::eth_address, $2::asset, 100000, $3)`, [w.address, ETH, `${w.name}-in`]);
		await owner.query(`SELECT set_approvers($1::asset, ARRAY[$2]::eth_address[], 1)`, [w.song, w.address]);
		w.proposal = (await owner.query(`SELECT propose_change($1::asset, '{"royalty_bps": 300}', $2::eth_address) AS id`, [w.song, w.address])).rows[0].id;
	}

	// sign in: nonce from the database, message built by siwe or viem, signed by the wallet
	for (const w of wallets) {
		const nonce = await request(null, async (c) => (await c.query(`SELECT siwe_nonce($1) AS n`, [DOMAIN])).rows[0].n);
		const fields = { domain: DOMAIN, address: w.address, statement: 'Sign in to the marketplace', uri: `https://${DOMAIN}/login`,
			version: '1', chainId: 1, nonce, issuedAt: new Date().toISOString() };
		const message = w.kind === 'ethers' ? new SiweMessage(fields).prepareMessage()
			: createSiweMessage({ ...fields, issuedAt: new Date(fields.issuedAt) });
		const signature = await w.sign(message);
		const login = await request(null, async (c) => (await c.query(
			`SELECT token, address::text FROM wallet_login($1, decode(substr($2, 3), 'hex'))`, [message, signature])).rows[0]);
		check(`${w.name} (${w.kind}) signs in`, login.address.toLowerCase() === w.address.toLowerCase(), login.address);
		w.token = login.token;
	}

	// each buys its own song with an EIP-712 order its wallet signs
	for (const w of wallets) {
		const typed = await request(w.token, async (c) => (await c.query(`SELECT order_typed_data('Buy', $1) AS t`, [{
			signer: w.address, asset: w.song, amount: '2', maxCost: '100000', nonce: '1', deadline: '4102444800' }])).rows[0].t);
		w.buy = { typed, signature: await w.signTyped(typed) };
		const r = await request(w.token, async (c) => (await c.query(
			`SELECT signer::text, kind FROM wallet_execute_order($1, decode(substr($2, 3), 'hex'))`, [typed, w.buy.signature])).rows[0]);
		check(`${w.name} buys through its session`, r.kind === 'Buy' && r.signer.toLowerCase() === w.address.toLowerCase(), JSON.stringify(r));
	}
	// and approves its own proposal with the typed data its session may read
	for (const w of wallets) {
		const typed = await request(w.token, async (c) => (await c.query(`SELECT wallet_approval_typed_data($1) AS t`, [w.proposal])).rows[0].t);
		w.approval = await w.signTyped(typed);
		const r = await request(w.token, async (c) => (await c.query(
			`SELECT approver::text, applied FROM wallet_approve_change($1, decode(substr($2, 3), 'hex'))`, [w.proposal, w.approval])).rows[0]);
		check(`${w.name} approves its proposal through its session`, r.applied === true, JSON.stringify(r));
	}

	// a second proposal each, left pending: its approval, signed by its
	// approver, is what the other wallet's session will try to hand in
	for (const w of wallets) {
		w.pending = (await owner.query(`SELECT propose_change($1::asset, '{"royalty_bps": 400}', $2::eth_address) AS id`, [w.song, w.address])).rows[0].id;
		const typed = await request(w.token, async (c) => (await c.query(`SELECT wallet_approval_typed_data($1) AS t`, [w.pending])).rows[0].t);
		w.pendingApproval = await w.signTyped(typed);
	}

	// the functions the role may execute that are not IMMUTABLE: the reviewed list, no more
	const fns = (await owner.query(`SELECT p.oid::regprocedure::text AS f FROM pg_proc p
		WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.provolatile <> 'i'
		  AND has_function_privilege('creative_defi_wallet_app', p.oid, 'EXECUTE') ORDER BY 1`)).rows.map(r => r.f);
	check('the role executes only the reviewed functions that are not IMMUTABLE', same(fns, [...REVIEWED].sort()), fns.join(', '));

	// views: each wallet's rows, as the owner reads them from the tables
	const truth = {
		wallet_holdings: `SELECT asset::text, amount::text FROM ledger_holdings WHERE account = $1 ORDER BY 1`,
		wallet_postings: `SELECT txn_id::text, n::text, asset::text, amount::text FROM ledger_postings WHERE account = $1 ORDER BY 1, 2`,
		wallet_transactions: `SELECT id::text, ref FROM ledger_transactions t WHERE id IN (SELECT txn_id FROM ledger_postings WHERE account = $1) ORDER BY 1`,
		wallet_order_nonces: `SELECT nonce::text, status FROM order_nonces WHERE signer = $1 ORDER BY 1`,
		wallet_sign_ins: `SELECT nonce FROM wallet_sessions WHERE address = $1 ORDER BY 1`,
		wallet_proposals: `SELECT id::text FROM approval_proposals WHERE proposer = $1 ORDER BY 1`,
		wallet_approvals: `SELECT proposal_id::text, approver::text FROM approval_signatures WHERE approver = $1 ORDER BY 1`,
	};
	const seen = {
		wallet_holdings: `SELECT asset::text, amount::text FROM wallet_holdings ORDER BY 1`,
		wallet_postings: `SELECT txn_id::text, n::text, asset::text, amount::text FROM wallet_postings ORDER BY 1, 2`,
		wallet_transactions: `SELECT id::text, ref FROM wallet_transactions ORDER BY 1`,
		wallet_order_nonces: `SELECT nonce::text, status FROM wallet_order_nonces ORDER BY 1`,
		wallet_sign_ins: `SELECT nonce FROM wallet_sign_ins ORDER BY 1`,
		wallet_proposals: `SELECT id::text FROM wallet_proposals ORDER BY 1`,
		wallet_approvals: `SELECT proposal_id::text, approver::text FROM wallet_approvals ORDER BY 1`,
	};
	check('every wallet_* view is checked', same(Object.keys(seen).sort(), [...VIEWS].sort()));
	for (const w of wallets) {
		for (const v of VIEWS) {
			const expected = (await owner.query(truth[v], [w.address])).rows;
			const got = await request(w.token, async (c) => (await c.query(seen[v])).rows);
			check(`${w.name} sees its own rows of ${v} (${expected.length})`, expected.length > 0 && same(got, expected),
				`got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
		}
	}
	// without a token (the setting of the last request ended with it), nothing
	for (const v of VIEWS) {
		const n = await request(null, async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${v}`)).rows[0].n);
		check(`a request without a session sees no row of ${v}`, n === 0, n);
	}

	// functions: each wallet's, never the other's
	const [a, b] = wallets;
	for (const [w, other] of [[a, b], [b, a]]) {
		const who = await request(w.token, async (c) => (await c.query(`SELECT current_wallet()::text AS w`)).rows[0].w);
		check(`current_wallet() is ${w.name}'s in its requests`, who.toLowerCase() === w.address.toLowerCase(), who);
		const td = await request(w.token, async (c) => (await c.query(`SELECT wallet_approval_typed_data($1) AS own, wallet_approval_typed_data($2) AS other`,
			[w.proposal, other.proposal])).rows[0]);
		check(`wallet_approval_typed_data gives ${w.name} its proposal's, not ${other.name}'s`, td.own !== null && td.other === null);
		check(`order_domain_json is the same for ${w.name} (no wallet's rows)`,
			same(await request(w.token, async (c) => (await c.query(`SELECT order_domain_json() AS d`)).rows[0].d), w.buy.typed.domain));
		// acts signed by the other wallet are refused (CD079), nothing done
		check(`${w.name}'s session cannot execute ${other.name}'s signed order`, await sqlstate(w.token, (c) => c.query(
			`SELECT * FROM wallet_execute_order($1, decode(substr($2, 3), 'hex'))`, [other.buy.typed, other.buy.signature])) === 'CD079');
		check(`${w.name}'s session cannot hand in ${other.name}'s approval`, await sqlstate(w.token, (c) => c.query(
			`SELECT * FROM wallet_approve_change($1, decode(substr($2, 3), 'hex'))`, [other.pending, other.pendingApproval])) === 'CD079');
		const cancelTyped = await request(w.token, async (c) => (await c.query(`SELECT order_typed_data('Cancel', $1) AS t`,
			[{ signer: other.address, nonce: '7' }])).rows[0].t);
		const cancelSig = await other.signTyped(cancelTyped);
		check(`${w.name}'s session cannot cancel ${other.name}'s nonce`, await sqlstate(w.token, (c) => c.query(
			`SELECT * FROM wallet_cancel_nonce($1, decode(substr($2, 3), 'hex'))`, [cancelTyped, cancelSig])) === 'CD079');
	}
	const cancelled = (await owner.query(`SELECT count(*)::int AS n FROM order_nonces WHERE status = 'cancelled'`)).rows[0].n;
	check('no refused cancellation was recorded', cancelled === 0, cancelled);
	const pendingApprovals = (await owner.query(`SELECT count(*)::int AS n FROM approval_signatures WHERE proposal_id = ANY ($1::bigint[])`,
		[[a.pending, b.pending]])).rows[0].n;
	check('no refused approval was recorded', pendingApprovals === 0, pendingApprovals);
	// the tables and the other roles' functions are refused
	for (const q of ['SELECT * FROM ledger_holdings', 'SELECT * FROM wallet_sessions', `SELECT * FROM holdings('${a.address}')`,
		'SELECT * FROM ledger_events(0)', 'SELECT approval_typed_data(1)']) {
		check(`the role is refused: ${q}`, await sqlstate(a.token, (c) => c.query(q)) === '42501');
	}

	// logout: alice's token is nobody's; bob's still works
	const out = await request(a.token, async (c) => (await c.query(`SELECT wallet_logout($1) AS ok`, [a.token])).rows[0].ok);
	const after = await request(a.token, async (c) => (await c.query(`SELECT current_wallet() IS NULL AS nobody, (SELECT count(*)::int FROM wallet_holdings) AS n`)).rows[0]);
	check('after logout alice\'s token sees nothing', out === true && after.nobody && after.n === 0, JSON.stringify(after));
	const bobStill = await request(b.token, async (c) => (await c.query(`SELECT count(*)::int AS n FROM wallet_holdings`)).rows[0].n);
	check('bob\'s session is untouched', bobStill === 2, bobStill);
} catch (e) {
	check('the run completes', false, e.stack);
} finally {
	await pool.end();
	await owner.query('DROP OWNED BY cd_isolation_app').catch(() => {});
	await owner.query('DROP ROLE IF EXISTS cd_isolation_app').catch(() => {});
	await owner.end();
}
console.log(failed ? `wallet isolation: ${failed} failed` : 'wallet isolation: all passed');
process.exit(failed ? 1 : 0);
