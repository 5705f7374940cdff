// Batched comparison of SQL results with what a JavaScript library says.
//
// A check is one SQL expression over text columns a1..aN and a list of
// cases, each with its arguments (strings or null) and the text the
// library expects (or null, or an expected SQLSTATE).  The cases go to the
// server as text arrays, a few hundred per query:
//
//   SELECT (<expr>)::text FROM unnest($1::text[], ...) WITH ORDINALITY u(a1, ..., n) ORDER BY n
//
// so thousands of cases cost a handful of round trips.  If a batch raises
// an error, its cases are re-run one by one to find which case raised it.
import pg from 'pg';

const MAX_BATCH_CASES = 400;
const MAX_BATCH_CHARS = 1 << 20;
const MAX_SHOWN_FAILURES = 10;

export class Harness {
	constructor(client, seed) {
		this.client = client;
		this.seed = seed;
		this.passed = 0;
		this.failed = 0;
		this.groups = new Map();
	}

	// Connect with the libpq environment (PGHOST, PGPORT, PGUSER,
	// PGPASSWORD, PGDATABASE), as node-postgres does by default.
	static async connect(seed) {
		const client = new pg.Client();
		await client.connect();
		await client.query('SET search_path = creative_defi, public');
		return new Harness(client, seed);
	}

	async close() { await this.client.end(); }

	// Names of the SQL functions missing from schema creative_defi.
	async missing(names) {
		const { rows } = await this.client.query(
			`SELECT n FROM unnest($1::text[]) n
			  WHERE NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
			                     WHERE s.nspname = 'creative_defi' AND p.proname = n)`, [names]);
		return rows.map(r => r.n);
	}

	// Compare expr over every case.  group names the family of cases;
	// a case is { args: [...], expect: string|null, error?: SQLSTATE,
	// show: object describing the inputs for a failure report }.
	async check(group, expr, cases) {
		if (cases.length === 0) return;
		const arity = cases[0].args.length;
		const cols = Array.from({ length: arity }, (_, i) => `a${i + 1}`);
		const params = cols.map((_, i) => `$${i + 1}::text[]`).join(', ');
		const sql = `SELECT (${expr})::text AS r FROM unnest(${params}) WITH ORDINALITY AS u(${cols.join(', ')}, n) ORDER BY n`;
		// Cases that must raise an error go one per query (an error aborts
		// the whole batch); the rest in batches.
		for (const c of cases.filter(c => c.error)) await this.runBatch(group, expr, sql, arity, [c]);
		cases = cases.filter(c => !c.error);
		let start = 0;
		while (start < cases.length) {
			let end = start, chars = 0;
			while (end < cases.length && end - start < MAX_BATCH_CASES && chars < MAX_BATCH_CHARS) {
				for (const a of cases[end].args) chars += a == null ? 0 : a.length;
				end++;
			}
			await this.runBatch(group, expr, sql, arity, cases.slice(start, end));
			start = end;
		}
	}

	async runBatch(group, expr, sql, arity, batch) {
		const arrays = Array.from({ length: arity }, (_, i) => batch.map(c => c.args[i]));
		let rows;
		try {
			({ rows } = await this.client.query(sql, arrays));
		} catch (err) {
			if (batch.length === 1) {
				this.judge(group, expr, batch[0], { error: err });
				return;
			}
			for (const c of batch) await this.runBatch(group, expr, sql, arity, [c]);
			return;
		}
		if (rows.length !== batch.length)
			throw new Error(`${group}: ${batch.length} cases but ${rows.length} rows`);
		batch.forEach((c, i) => this.judge(group, expr, c, { value: rows[i].r }));
	}

	// Record one outcome against the case's expectation.
	judge(group, expr, c, got) {
		let ok;
		if (c.error) ok = got.error && got.error.code === c.error;
		else ok = !got.error && got.value === c.expect;
		const g = this.groups.get(group) || { passed: 0, failed: 0 };
		this.groups.set(group, g);
		if (ok) { g.passed++; this.passed++; return; }
		g.failed++; this.failed++;
		if (g.failed > MAX_SHOWN_FAILURES) return;
		const expected = c.error ? `error ${c.error}` : JSON.stringify(c.expect);
		const actual = got.error ? `error ${got.error.code}: ${got.error.message}` : JSON.stringify(got.value);
		console.log(`FAIL ${group} (seed ${this.seed}): ${expr}`);
		console.log(`  case:     ${show(c.show ?? c.args)}`);
		console.log(`  library:  ${expected}`);
		console.log(`  database: ${actual}`);
	}

	// A failure found on the JavaScript side alone (libraries disagreeing
	// with each other, or a library rejecting its own output).
	fail(group, message, detail) {
		const g = this.groups.get(group) || { passed: 0, failed: 0 };
		this.groups.set(group, g);
		g.failed++; this.failed++;
		if (g.failed > MAX_SHOWN_FAILURES) return;
		console.log(`FAIL ${group} (seed ${this.seed}): ${message}`);
		if (detail !== undefined) console.log(`  case:     ${show(detail)}`);
	}
}

// JSON for a failure report, with BigInts and bytes made readable.
function show(v) {
	const s = JSON.stringify(v, (_, x) => {
		if (typeof x === 'bigint') return x.toString();
		if (x instanceof Uint8Array) return '0x' + Buffer.from(x).toString('hex');
		if (x && x.type === 'Buffer' && Array.isArray(x.data)) return '0x' + Buffer.from(x.data).toString('hex');
		return x;
	});
	return s.length > 6000 ? s.slice(0, 6000) + '...' : s;
}
