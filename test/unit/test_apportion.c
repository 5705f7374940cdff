/*
 * test_apportion.c - largest remainder over integer weights of any size:
 * fixed cases, every refusal, and a reference written separately with GMP
 * rationals (exact quotients, fractional parts compared as rationals,
 * selection by repeated maximum) on random weights up to 2^300 and random
 * amounts up to 2^256 - 1: identical shares, conservation, floor or
 * floor + 1 each.
 */
#include <gmp.h>
#include <stdlib.h>

#include "unit.h"
#include "unit_u256.h"
#include "core/apportion.h"

#define MAX_WEIGHTS 40

/* 10 among 1:1:1: floors 3 each, the one left to the first */
static void
test_fixed(void)
{
	const char *const equal[] = {"1", "1", "1"};
	const char *const weighted[] = {"1", "2", "3", "4"};
	const char *const huge[] = {"115792089237316195423570985008687907853269984665640564039457584007913129639936", "1"};
	cd_u256		amount = u256("10");
	cd_u256		shares[4];
	cd_error	err;

	cd_error_clear(&err);
	CHECK(cd_apportion(3, equal, &amount, shares, &err));
	CHECK_STR_EQ(dec(&shares[0]), "4");
	CHECK_STR_EQ(dec(&shares[1]), "3");
	CHECK_STR_EQ(dec(&shares[2]), "3");
	/* 7 over 1:2:3:4 = 0.7, 1.4, 2.1, 2.8: floors 0+1+2+2 = 5, the two
	 * units left to the remainders .8 and .7 */
	amount = u256("7");
	CHECK(cd_apportion(4, weighted, &amount, shares, &err));
	CHECK_STR_EQ(dec(&shares[0]), "1");
	CHECK_STR_EQ(dec(&shares[1]), "1");
	CHECK_STR_EQ(dec(&shares[2]), "2");
	CHECK_STR_EQ(dec(&shares[3]), "3");
	/* a weight of 2^256 against 1: the amount 2^256 - 1 all to the first
	 * but for the remainder's unit, which the floor already covers */
	cd_u256_max(&amount);
	CHECK(cd_apportion(2, huge, &amount, shares, &err));
	CHECK_STR_EQ(dec(&shares[0]), "115792089237316195423570985008687907853269984665640564039457584007913129639934");
	CHECK_STR_EQ(dec(&shares[1]), "1");
	/* nothing to share */
	cd_u256_zero(&amount);
	CHECK(cd_apportion(3, equal, &amount, shares, &err));
	CHECK_STR_EQ(dec(&shares[0]), "0");
}

static void
test_refusals(void)
{
	const char *const zero[] = {"1", "0"};
	const char *const negative[] = {"-1"};
	const char *const fraction[] = {"1.5"};
	const char *const leading[] = {"01"};
	const char *const empty[] = {""};
	cd_u256		amount = u256("10");
	cd_u256		shares[2];
	cd_error	err;

	cd_error_clear(&err);
	CHECK_FAILS(cd_apportion(0, zero, &amount, shares, &err), err, CD_ERR_PARAM, "at least one weight");
	CHECK_FAILS(cd_apportion(2, zero, &amount, shares, &err), err, CD_ERR_PARAM, "weight 2 is not a positive integer");
	CHECK_FAILS(cd_apportion(1, negative, &amount, shares, &err), err, CD_ERR_PARAM, "weight 1");
	CHECK_FAILS(cd_apportion(1, fraction, &amount, shares, &err), err, CD_ERR_PARAM, "weight 1");
	CHECK_FAILS(cd_apportion(1, leading, &amount, shares, &err), err, CD_ERR_PARAM, "weight 1");
	CHECK_FAILS(cd_apportion(1, empty, &amount, shares, &err), err, CD_ERR_PARAM, "weight 1");
}

static uint64_t rng_state;

/* a random natural of up to bits bits (small ones often, to make ties) */
static void
random_natural(mpz_t out, unsigned bits)
{
	unsigned	width = (unsigned) (unit_random(&rng_state) % (bits + 1));

	if (unit_random(&rng_state) % 3 == 0)
		width = (unsigned) (unit_random(&rng_state) % 4);
	mpz_set_ui(out, 0);
	for (unsigned b = 0; b < width; b += 64)
	{
		mpz_mul_2exp(out, out, 64);
		mpz_add_ui(out, out, unit_random(&rng_state));
	}
	if (width > 0)
		mpz_fdiv_r_2exp(out, out, width);
}

/*
 * The reference: exact quotients A * w_i / W as rationals, their floors,
 * and the units left handed out one at a time to the largest fractional
 * part not yet served, the first such index on a tie.
 */
static void
reference(int n, mpz_t *w, const mpz_t a, mpz_t *expected)
{
	mpq_t		frac[MAX_WEIGHTS];
	mpz_t		total,
				left;
	bool		served[MAX_WEIGHTS] = {false};

	mpz_inits(total, left, NULL);
	for (int i = 0; i < n; i++)
		mpz_add(total, total, w[i]);
	mpz_set(left, a);
	for (int i = 0; i < n; i++)
	{
		mpq_init(frac[i]);
		mpz_mul(mpq_numref(frac[i]), a, w[i]);
		mpz_set(mpq_denref(frac[i]), total);
		mpq_canonicalize(frac[i]);
		mpz_fdiv_q(expected[i], mpq_numref(frac[i]), mpq_denref(frac[i]));
		mpz_sub(left, left, expected[i]);
		/* frac becomes the fractional part */
		{
			mpq_t		fl;

			mpq_init(fl);
			mpq_set_z(fl, expected[i]);
			mpq_sub(frac[i], frac[i], fl);
			mpq_clear(fl);
		}
	}
	while (mpz_sgn(left) > 0)
	{
		int			best = -1;

		for (int i = 0; i < n; i++)
			if (!served[i] && (best < 0 || mpq_cmp(frac[i], frac[best]) > 0))
				best = i;
		served[best] = true;
		mpz_add_ui(expected[best], expected[best], 1);
		mpz_sub_ui(left, left, 1);
	}
	for (int i = 0; i < n; i++)
		mpq_clear(frac[i]);
	mpz_clears(total, left, NULL);
}

static void
test_against_reference(void)
{
	const char *seed_env = getenv("UNIT_SEED");
	uint64_t	seed = seed_env ? strtoull(seed_env, NULL, 10) : 20261203;
	int			mismatches = 0;

	printf("test_apportion: seed %llu (UNIT_SEED)\n", (unsigned long long) seed);
	rng_state = seed | 1;
	for (int round = 0; round < 3000; round++)
	{
		int			n = 1 + (int) (unit_random(&rng_state) % MAX_WEIGHTS);
		mpz_t		w[MAX_WEIGHTS],
					expected[MAX_WEIGHTS],
					a,
					sum,
					got;
		char	   *text[MAX_WEIGHTS];
		cd_u256		amount,
					shares[MAX_WEIGHTS];
		char		adec[CD_U256_DECIMAL_LEN];
		cd_error	err;

		mpz_inits(a, sum, got, NULL);
		random_natural(a, 256);
		mpz_get_str(adec, 10, a);
		amount = u256(adec);
		for (int i = 0; i < n; i++)
		{
			mpz_inits(w[i], expected[i], NULL);
			do
				random_natural(w[i], round % 2 ? 300 : 24);
			while (mpz_sgn(w[i]) == 0);
			text[i] = mpz_get_str(NULL, 10, w[i]);
		}
		reference(n, w, a, expected);
		cd_error_clear(&err);
		CHECK(cd_apportion((size_t) n, (const char *const *) text, &amount, shares, &err));
		for (int i = 0; i < n; i++)
		{
			mpz_set_str(got, dec(&shares[i]), 10);
			if (mpz_cmp(got, expected[i]) != 0 && mismatches++ == 0)
				fprintf(stderr, "round %d weight %d: got %s\n", round, i + 1, dec(&shares[i]));
			mpz_add(sum, sum, got);
			free(text[i]);
			mpz_clears(w[i], expected[i], NULL);
		}
		CHECK(mpz_cmp(sum, a) == 0);
		mpz_clears(a, sum, got, NULL);
	}
	CHECK(mismatches == 0);
}

int
main(void)
{
	RUN(test_fixed);
	RUN(test_refusals);
	RUN(test_against_reference);
	return unit_summary("test_apportion");
}
