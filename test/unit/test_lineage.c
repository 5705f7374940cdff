/*
 * test_lineage.c - royalties up a lineage graph: Story Protocol's
 * documented examples, every refusal, and a reference written separately
 * with GMP rationals over random DAGs (chains, diamonds, wide fan-in,
 * mixed policies) and random amounts up to 2^256 - 1: identical retained
 * amounts and stacks, conservation, and the same result whatever the
 * links' order.
 */
#include <gmp.h>
#include <stdlib.h>

#include "unit.h"
#include "unit_u256.h"
#include "core/lineage.h"

#define MAX_NODES 14
#define MAX_LINKS 40

#define ABS(c, p, bps) ((cd_lineage_link) {(c), (p), false, (bps)})
#define REL(c, p, bps) ((cd_lineage_link) {(c), (p), true, (bps)})

/* paying amount succeeds and works 0, 1, ... keep the expected decimals ("-": any) */
#define CHECK_PAYS(n, links, n_links, amount, ...) \
	do { \
		cd_u256		kept_[MAX_NODES]; \
		cd_error	err_; \
		CHECK(pay((n), (links), (n_links), (amount), kept_, &err_)); \
		CHECK_KEPT(kept_, __VA_ARGS__); \
	} while (0)
/* the royalty stack of work 0 is bps */
#define CHECK_STACK(n, links, n_links, bps) \
	do { \
		uint32_t	stack_ = 0; \
		cd_error	err_; \
		CHECK(cd_lineage_stack((n), (links), (n_links), &stack_, &err_) && stack_ == (bps)); \
	} while (0)
/* the amounts kept by works 0, 1, ... are the expected decimals */
#define CHECK_KEPT(r, ...) \
	check_kept((r), (const char *[]) {__VA_ARGS__, NULL}, __LINE__)

static void
check_kept(const cd_u256 *r, const char *const *want, int line)
{
	for (int i = 0; want[i] != NULL; i++)
	{
		if (strcmp(want[i], "-") == 0)
			continue;
		if (strcmp(dec(&r[i]), want[i]) == 0)
			unit_passed++;
		else
		{
			unit_failed++;
			fprintf(stderr, "FAIL %s (line %d): work %d kept %s, expected %s\n",
					unit_current, line, i, dec(&r[i]), want[i]);
		}
	}
}

static bool
pay(size_t n, const cd_lineage_link *links, size_t n_links, const char *amount, cd_u256 *retained,
	cd_error *err)
{
	cd_u256		a = u256(amount);

	cd_error_clear(err);
	return cd_lineage_distribute(n, links, n_links, &a, retained, err);
}

/*
 * Story's LAP page: A -> B -> C, A asks 5% of every descendant, B 10%.
 * Tipping C 100 gives A 5, B 10, C 85; paying B 100 (C's license fee)
 * gives A 5, B 95.  Nodes: 0 = C, 1 = B, 2 = A.
 */
static void
test_story_absolute(void)
{
	cd_lineage_link links[] = {ABS(0, 1, 1000), ABS(1, 2, 500)};
	cd_lineage_link into_b[] = {ABS(0, 1, 500)};	/* B = 0, A = 1 */

	CHECK_PAYS(3, links, 2, "100", "85", "10", "5");
	CHECK_PAYS(2, into_b, 1, "100", "95", "5");
	CHECK_STACK(3, links, 2, 1500);
}

/*
 * Story's LRP page: IPA 1 -> IPA 2 at 5%, IPA 2 -> IPA 3 at 10%; 100 paid
 * to IPA 3 sends 10 to IPA 2, of which 0.5 goes on to IPA 1.  In base
 * units of 18 decimals that is exact; with whole units, IPA 1's 0.5 is
 * rounded up to 1 (never in favour of the payer).
 */
static void
test_story_relative(void)
{
	cd_lineage_link links[] = {REL(0, 1, 1000), REL(1, 2, 500)};

	CHECK_PAYS(3, links, 2, "100000000000000000000", "90000000000000000000", "9500000000000000000", "500000000000000000");
	CHECK_PAYS(3, links, 2, "100", "90", "9", "1");
	CHECK_STACK(3, links, 2, 1000);
}

/*
 * Rounding: one base unit into C of the LAP chain owes 0.15 to the
 * lineage, rounded up to 1, which goes to the largest remainder (B's
 * 0.10).  A diamond counts each absolute path: D -> B -> A and
 * D -> C -> A give A 2 x 3%.
 */
static void
test_rounding_and_diamond(void)
{
	cd_lineage_link chain[] = {ABS(0, 1, 1000), ABS(1, 2, 500)};
	cd_lineage_link diamond[] = {ABS(0, 1, 1000), ABS(0, 2, 2000), ABS(1, 3, 300), ABS(2, 3, 300)};
	cd_lineage_link tie[] = {ABS(0, 2, 5000), ABS(0, 1, 5000)};

	CHECK_PAYS(3, chain, 2, "1", "0", "1", "0");
	CHECK_PAYS(4, diamond, 4, "10000", "6400", "1000", "2000", "600");
	/* equal remainders: the lower node index gets the unit */
	CHECK_PAYS(3, tie, 2, "1", "-", "1", "0");
	/*
	 * the largest amount (…935): A's exact 6% ends in .1, B's 10% in .5,
	 * C's 20% in .0; the one missing unit goes to B
	 */
	CHECK_PAYS(4, diamond, 4, "115792089237316195423570985008687907853269984665640564039457584007913129639935", "-", "-", "-", "6947525354238971725414259100521274471196199079938433842367455040474787778396");
}

static void
test_refusals(void)
{
	cd_lineage_link self[] = {ABS(0, 0, 100)};
	cd_lineage_link outside[] = {ABS(0, 3, 100)};
	cd_lineage_link zero[] = {REL(0, 1, 0)};
	cd_lineage_link big[] = {REL(0, 1, 10001)};
	cd_lineage_link cycle_at_payee[] = {REL(0, 1, 100), REL(1, 0, 100)};
	cd_lineage_link cycle_above[] = {REL(0, 1, 100), REL(1, 2, 100), ABS(2, 1, 100)};
	cd_lineage_link stack[] = {ABS(0, 1, 6000), REL(0, 2, 3000), ABS(1, 2, 2000)};
	cd_lineage_link full[] = {ABS(0, 1, 6000), REL(0, 2, 4000)};
	cd_u256		r[3];
	cd_error	err;

	CHECK_FAILS(pay(3, self, 1, "1", r, &err), err, CD_ERR_PARAM, "links work 0 to itself");
	CHECK_FAILS(pay(3, outside, 1, "1", r, &err), err, CD_ERR_PARAM, "lineage link 1 names no work");
	CHECK_FAILS(pay(3, zero, 1, "1", r, &err), err, CD_ERR_PARAM, "must be between 1 and 10000");
	CHECK_FAILS(pay(3, big, 1, "1", r, &err), err, CD_ERR_PARAM, "must be between 1 and 10000");
	CHECK_FAILS(pay(3, cycle_at_payee, 2, "1", r, &err), err, CD_ERR_DATA, "cycle through the paid work");
	CHECK_FAILS(pay(3, cycle_above, 3, "1", r, &err), err, CD_ERR_DATA, "cycle above the paid work");
	CHECK_FAILS(pay(3, stack, 3, "1", r, &err), err, CD_ERR_DATA, "royalty stack of a work exceeds 100%");
	CHECK(strstr(err.detail, "11000 basis points") != NULL);
	CHECK_STACK(3, stack, 3, 10001);
	CHECK_FAILS(cd_lineage_stack(3, cycle_above, 3, &(uint32_t) {0}, &err), err, CD_ERR_DATA, "cycle above");
	CHECK_FAILS(pay(0, NULL, 0, "1", r, &err), err, CD_ERR_PARAM, "lineage needs between 1 and");
	/* exactly 100%: the work keeps nothing; 4.2 and 2.8 become 4 and 3 */
	CHECK_PAYS(3, full, 2, "7", "0", "4", "3");
}

/* ---- the reference: exact rationals, paths enumerated, depth order ---- */

typedef struct ref_claim
{
	int			node;
	bool		relative;
	mpz_t		amount;
	mpq_t		fraction;		/* exact entitlement minus its floor */
} ref_claim;

/* every absolute path up from x: the first link's license, summed per ancestor */
static void
ref_absolute(int x, const cd_lineage_link *links, size_t n_links, long *weight)
{
	for (size_t i = 0; i < n_links; i++)
		if (!links[i].relative && (int) links[i].child == x)
		{
			weight[links[i].parent] += links[i].license_bps;
			ref_absolute(links[i].parent, links, n_links, weight);
		}
}

/* longest path from node 0; -1 when unreached */
static void
ref_depths(int n, const cd_lineage_link *links, size_t n_links, int *depth)
{
	for (int i = 0; i < n; i++)
		depth[i] = -1;
	depth[0] = 0;
	for (int round = 0; round < n; round++)
		for (size_t i = 0; i < n_links; i++)
			if (depth[links[i].child] >= 0 && depth[links[i].parent] < depth[links[i].child] + 1)
				depth[links[i].parent] = depth[links[i].child] + 1;
}

/* false when a stack exceeds 100% at a work with revenue */
static bool
ref_distribute(int n, const cd_lineage_link *links, size_t n_links, const char *amount, mpz_t *retained)
{
	mpz_t		revenue[MAX_NODES];
	int			depth[MAX_NODES];
	bool		ok = true;

	ref_depths(n, links, n_links, depth);
	for (int i = 0; i < n; i++)
	{
		mpz_init(revenue[i]);
		mpz_set_ui(retained[i], 0);
	}
	mpz_set_str(revenue[0], amount, 10);
	for (int d = 0; d < n && ok; d++)
		for (int v = 0; v < n && ok; v++)
		{
			long		weight[MAX_NODES] = {0};
			ref_claim	claims[MAX_NODES + MAX_LINKS];
			int			n_claims = 0;
			long		stack = 0;
			mpz_t		total, floors;
			mpq_t		exact;

			if (depth[v] != d || mpz_sgn(revenue[v]) == 0)
				continue;
			ref_absolute(v, links, n_links, weight);
			for (int a = 0; a < n; a++)
			{
				if (weight[a] > 0)
				{
					claims[n_claims].node = a;
					claims[n_claims].relative = false;
					mpz_init_set_si(claims[n_claims].amount, weight[a]);
					n_claims++;
					stack += weight[a];
				}
				for (size_t i = 0; i < n_links; i++)
					if (links[i].relative && (int) links[i].child == v && (int) links[i].parent == a)
					{
						claims[n_claims].node = a;
						claims[n_claims].relative = true;
						mpz_init_set_ui(claims[n_claims].amount, links[i].license_bps);
						n_claims++;
						stack += links[i].license_bps;
					}
			}
			if (stack > 10000)
				ok = false;
			mpz_inits(total, floors, NULL);
			mpq_init(exact);
			/* exact entitlement revenue * weight / 10000: floor and fraction */
			for (int c = 0; c < n_claims; c++)
			{
				mpq_init(claims[c].fraction);
				mpz_mul(mpq_numref(exact), revenue[v], claims[c].amount);
				mpz_set_ui(mpq_denref(exact), 10000);
				mpq_canonicalize(exact);
				mpz_fdiv_q(claims[c].amount, mpq_numref(exact), mpq_denref(exact));
				mpq_set_z(claims[c].fraction, claims[c].amount);
				mpq_sub(claims[c].fraction, exact, claims[c].fraction);
				mpz_add(floors, floors, claims[c].amount);
			}
			mpz_mul_ui(total, revenue[v], (unsigned long) stack);
			mpz_cdiv_q_ui(total, total, 10000);
			/* the missing units, one each, largest fraction first (selection) */
			for (mpz_sub(total, total, floors); mpz_sgn(total) > 0; mpz_sub_ui(total, total, 1))
			{
				int			best = -1;

				for (int c = 0; c < n_claims; c++)
					if (mpq_sgn(claims[c].fraction) > 0 &&
						(best < 0 || mpq_cmp(claims[c].fraction, claims[best].fraction) > 0))
						best = c;
				mpz_add_ui(claims[best].amount, claims[best].amount, 1);
				mpq_set_ui(claims[best].fraction, 0, 1);
			}
			for (int c = 0; c < n_claims; c++)
			{
				mpz_sub(revenue[v], revenue[v], claims[c].amount);
				mpz_add(claims[c].relative ? revenue[claims[c].node] : retained[claims[c].node],
						claims[c].relative ? revenue[claims[c].node] : retained[claims[c].node],
						claims[c].amount);
				mpz_clear(claims[c].amount);
				mpq_clear(claims[c].fraction);
			}
			mpz_add(retained[v], retained[v], revenue[v]);
			mpz_set_ui(revenue[v], 0);
			mpz_clears(total, floors, NULL);
			mpq_clear(exact);
		}
	for (int i = 0; i < n; i++)
		mpz_clear(revenue[i]);
	return ok;
}

/* ---- random graphs ---- */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/*
 * A random DAG over n works: a random rank per work (node 0 lowest, the
 * payee), links only from lower to higher rank, shaped as a chain, a
 * diamond lattice, wide fan-in or anything; small licenses so that most
 * stacks stay within 100%.
 */
static size_t
random_graph(int n, cd_lineage_link *links)
{
	int			rank[MAX_NODES];
	int			shape = (int) (rng() % 4);
	size_t		n_links = 0;
	bool		used[MAX_NODES][MAX_NODES] = {{false}};

	for (int i = 0; i < n; i++)
		rank[i] = i;
	for (int i = n - 1; i > 1; i--)
	{
		int			j = 1 + (int) (rng() % (uint64_t) i);
		int			t = rank[i];

		rank[i] = rank[j];
		rank[j] = t;
	}
	/* node with rank k is by_rank[k] */
	int			by_rank[MAX_NODES];

	for (int i = 0; i < n; i++)
		by_rank[rank[i]] = i;
	for (int k = 0; k + 1 < n && n_links < MAX_LINKS; k++)
	{
		int			tries = shape == 0 ? 1 : shape == 2 && k == 0 ? n - 1 : 1 + (int) (rng() % 3);

		for (int t = 0; t < tries && n_links < MAX_LINKS; t++)
		{
			int			hi = shape == 0 || (shape == 2 && k == 0) ? k + 1 + (shape == 2 ? t : 0)
				: k + 1 + (int) (rng() % (uint64_t) (shape == 1 ? (n - k - 1 < 2 ? n - k - 1 : 2) : n - k - 1));
			int			c = by_rank[k];
			int			p = by_rank[hi];

			if (hi >= n || used[c][p])
				continue;
			used[c][p] = true;
			links[n_links++] = (cd_lineage_link) {
				.child = (uint32_t) c, .parent = (uint32_t) p,
				.relative = rng() % 2 == 0,
				.license_bps = 1 + (uint32_t) (rng() % (rng() % 8 == 0 ? 10000 : 900))};
		}
	}
	return n_links;
}

static void
random_amount(char *out)
{
	static const char *fixed[] = {"0", "1", "9999", "10000", "123456789",
	"115792089237316195423570985008687907853269984665640564039457584007913129639935"};
	mpz_t		a;

	if (rng() % 4 == 0)
	{
		strcpy(out, fixed[rng() % 6]);
		return;
	}
	mpz_init(a);
	for (int i = 0; i < 4; i++)
	{
		mpz_mul_2exp(a, a, 64);
		mpz_add_ui(a, a, (unsigned long) rng());
	}
	mpz_fdiv_q_2exp(a, a, (mp_bitcnt_t) (rng() % 256));
	mpz_get_str(out, 10, a);
	mpz_clear(a);
}

static void
test_against_reference(void)
{
	const char *seed_text = getenv("LINEAGE_SEED");
	uint64_t	seed = seed_text ? strtoull(seed_text, NULL, 10) : 20261203;
	int			mismatches = 0, refusals = 0, agreements = 0;

	printf("test_lineage: reference seed %llu (LINEAGE_SEED=N to repeat another)\n",
		   (unsigned long long) seed);
	rng_state = seed | 1;
	for (int round = 0; round < 3000; round++)
	{
		int			n = 1 + (int) (rng() % MAX_NODES);
		cd_lineage_link links[MAX_LINKS];
		cd_lineage_link shuffled[MAX_LINKS];
		size_t		n_links = random_graph(n, links);
		char		amount[CD_U256_DECIMAL_LEN];
		cd_u256		got[MAX_NODES], again[MAX_NODES];
		mpz_t		want[MAX_NODES], sum;
		cd_error	err;
		bool		ok, ref_ok;

		random_amount(amount);
		for (int i = 0; i < n; i++)
			mpz_init(want[i]);
		mpz_init(sum);
		ok = pay((size_t) n, links, n_links, amount, got, &err);
		ref_ok = ref_distribute(n, links, n_links, amount, want);
		memcpy(shuffled, links, n_links * sizeof(cd_lineage_link));
		for (size_t i = n_links; i > 1; i--)
		{
			size_t		j = (size_t) (rng() % i);
			cd_lineage_link t = shuffled[i - 1];

			shuffled[i - 1] = shuffled[j];
			shuffled[j] = t;
		}
		/* the stack of the paid work: its absolute ancestors' paths and relative parents */
		{
			long		weight[MAX_NODES] = {0};
			long		want_stack = 0;
			uint32_t	got_stack = 0;

			ref_absolute(0, links, n_links, weight);
			for (int a = 0; a < n; a++)
				want_stack += weight[a];
			for (size_t i = 0; i < n_links; i++)
				if (links[i].relative && links[i].child == 0)
					want_stack += links[i].license_bps;
			if (!cd_lineage_stack((size_t) n, links, n_links, &got_stack, &err) ||
				got_stack != (want_stack > 10000 ? 10001 : (uint32_t) want_stack))
				mismatches++;
		}
		if (ok != ref_ok)
			mismatches++;
		else if (!ok)
		{
			refusals++;
			CHECK(err.code == CD_ERR_DATA && strstr(err.message, "exceeds 100%") != NULL);
		}
		else
		{
			bool		same = pay((size_t) n, shuffled, n_links, amount, again, &err);

			for (int i = 0; i < n; i++)
			{
				mpz_t		g;

				mpz_init_set_str(g, dec(&got[i]), 10);
				same = same && mpz_cmp(g, want[i]) == 0 && cd_u256_cmp(&got[i], &again[i]) == 0;
				mpz_add(sum, sum, g);
				mpz_clear(g);
			}
			mpz_t		paid;

			mpz_init_set_str(paid, amount, 10);
			same = same && mpz_cmp(sum, paid) == 0;
			mpz_clear(paid);
			if (same)
				agreements++;
			else
			{
				mismatches++;
				if (mismatches <= 3)
					fprintf(stderr, "lineage mismatch: round %d, %d works, %zu links, amount %s\n",
							round, n, n_links, amount);
			}
		}
		for (int i = 0; i < n; i++)
			mpz_clear(want[i]);
		mpz_clear(sum);
	}
	printf("test_lineage: %d graphs agree with the reference, %d refused by both (stack above 100%%)\n",
		   agreements, refusals);
	CHECK(mismatches == 0);
	CHECK(agreements > 2000);
	CHECK(refusals > 0);
}

int
main(void)
{
	RUN(test_story_absolute);
	RUN(test_story_relative);
	RUN(test_rounding_and_diamond);
	RUN(test_refusals);
	RUN(test_against_reference);
	return unit_summary("test_lineage");
}
