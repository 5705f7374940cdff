/*
 * test_curve_spot.c - curve_spot_price rounds half-even on the exact value:
 * ties and near-ties for every kind, against exact GMP references written
 * here (products in a loop, not the closed forms of curve_rational.c), and
 * each stage of the exponential/bancor rounding forced in turn
 */
#include <gmp.h>
#include <mpfr.h>

#include "unit.h"
#include "core/curve_spot.h"
#include "curve_test_helpers.h"

/* curve_spot_price as text, or "ERROR <code>" */
static const char *
spot(const char *text, const char *supply, int scale, const cd_spot_limits *lim, cd_spot_route *route)
{
	static char out[CD_CURVE_SPOT_LEN];
	cd_curve	c = curve(text);
	cd_u256		s;
	cd_error	err;
	bool		ok;

	if (!cd_u256_parse_decimal(supply, strlen(supply), &s, "supply", &err))
		return "bad supply";
	if (lim != NULL || route != NULL)
		ok = cd_curve_spot_staged(&c, &s, scale, lim, out, sizeof(out), route, &err);
	else
		ok = cd_curve_spot_price(&c, &s, scale, out, sizeof(out), &err);
	if (!ok)
		snprintf(out, sizeof(out), "ERROR %d", (int) err.code);
	return out;
}

#define CHECK_SPOT(curve_text, supply, scale, expected) \
	CHECK_STR_EQ(spot((curve_text), (supply), (scale), NULL, NULL), (expected))

/* one curve_spot_price case and the text it must return */
typedef struct spot_case
{
	const char *curve;
	const char *supply;
	int			scale;
	const char *expected;
} spot_case;

/* Check each case; a failure names the case. */
static void
check_spot_cases(const spot_case *cases, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		const char *got = spot(cases[i].curve, cases[i].supply, cases[i].scale, NULL, NULL);

		CHECK_STR_EQ(got, cases[i].expected);
		if (strcmp(got, cases[i].expected) != 0)
			fprintf(stderr, "  for %s at supply %s, scale %d\n", cases[i].curve, cases[i].supply, cases[i].scale);
	}
	mpfr_free_cache();
}

/*
 * Exact ties one digit past the scale, rounded to even both ways, and
 * values just off a tie (which must not be treated as one), every kind.
 */
static const spot_case ties_every_kind[] = {
	/* the two reports: exact 1.005 and 0.035 */
	{"exponential(base=1, ratio=1.005)", "1", 2, "1.00"},
	{"bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)", "17500", 2, "0.04"},

	/* linear: base + slope s; the third and fourth are 0.115 and 0.125 */
	{"linear(base=0.125, slope=0)", "0", 2, "0.12"},
	{"linear(base=0.135, slope=0)", "0", 2, "0.14"},
	{"linear(base=0.1, slope=0.005)", "3", 2, "0.12"},
	{"linear(base=0.1, slope=0.005)", "5", 2, "0.12"},
	{"linear(base=0.1250000000000000000000000000000000000001, slope=0)", "0", 2, "0.13"},
	{"linear(base=0.1349999999999999999999999999999999999999, slope=0)", "0", 2, "0.13"},
	/* power: coefficient s^k; the third and fourth are 0.135 and 0.625 */
	{"power(coefficient=0.5, exponent=1)", "5", 0, "2"},
	{"power(coefficient=0.5, exponent=1)", "7", 0, "4"},
	{"power(coefficient=0.005, exponent=3)", "3", 2, "0.14"},
	{"power(coefficient=0.005, exponent=3)", "5", 2, "0.62"},
	{"power(coefficient=0.5000000000000000000000000000000000000001, exponent=1)", "5", 0, "3"},
	{"power(coefficient=0.4999999999999999999999999999999999999999, exponent=1)", "7", 0, "3"},
	/* constant_product: X Y / (Y - s)^2; the first four are 2.5, 3.5, 0.375, 0.625 */
	{"constant_product(virtual_reserve=5, virtual_supply=2)", "0", 0, "2"},
	{"constant_product(virtual_reserve=7, virtual_supply=2)", "0", 0, "4"},
	{"constant_product(virtual_reserve=1, virtual_supply=6)", "2", 2, "0.38"},
	{"constant_product(virtual_reserve=1, virtual_supply=10)", "6", 2, "0.62"},
	{"constant_product(virtual_reserve=500001, virtual_supply=1000001)", "0", 0, "1"},
	{"constant_product(virtual_reserve=500000, virtual_supply=1000001)", "0", 0, "0"},
	/* exponential: base ratio^s; after the first, 2.25, 3.375, 1.010025, 1.015075125 */
	{"exponential(base=1, ratio=1.015)", "1", 2, "1.02"},
	{"exponential(base=1, ratio=1.5)", "2", 1, "2.2"},
	{"exponential(base=1, ratio=1.5)", "3", 2, "3.38"},
	{"exponential(base=1, ratio=1.005)", "2", 5, "1.01002"},
	{"exponential(base=1, ratio=1.005)", "3", 8, "1.01507512"},
	/* 0.5 * 3^s ends in .5, and (3^s - 1)/2 is even for even s, odd for odd s */
	{"exponential(base=0.5, ratio=3)", "100", 0, "257688760366005665518230564882810636351053761000"},
	{"exponential(base=0.5, ratio=3)", "101", 0, "773066281098016996554691694648431909053161283002"},
	/* ratio 1: the base at any supply, 2^256 - 1 included */
	{"exponential(base=2.5, ratio=1)",
	 "115792089237316195423570985008687907853269984665640564039457584007913129639935", 0, "2"},
	{"exponential(base=1, ratio=1.0050000000000000000000000000000000000001)", "1", 2, "1.01"},
	{"exponential(base=1, ratio=1.0049999999999999999999999999999999999999)", "1", 2, "1.00"},
	{"exponential(base=1.0049999999999999999999999999999999999999, ratio=1)", "7", 2, "1.00"},
	/* bancor, integer 1/rr: R0 y S^(y-1) / S0^y */
	{"bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)", "12500", 2, "0.02"},
	{"bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)", "17501", 2, "0.04"},
	{"bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)", "17499", 2, "0.03"},
	/* exactly 0.25 and 6.75 */
	{"bancor(reserve_ratio=0.25, initial_supply=2, initial_reserve=1)", "1", 1, "0.2"},
	{"bancor(reserve_ratio=0.25, initial_supply=2, initial_reserve=1)", "3", 1, "6.8"},
	/* rr = 1: R0 / S0 = 0.125 at every supply, 0 included */
	{"bancor(reserve_ratio=1, initial_supply=8, initial_reserve=1)", "0", 2, "0.12"},
	{"bancor(reserve_ratio=1, initial_supply=8, initial_reserve=1)", "99999999999999999999", 2, "0.12"},
	/* rr = 0.000001: y = 10^6, at S = S0 the value is R0 10^6 / S0 = 0.125 */
	{"bancor(reserve_ratio=0.000001, initial_supply=8000000, initial_reserve=1)", "8000000", 2, "0.12"},
	/* rr = 0.4, y = 5/2: S/S0 = 9/4 = (3/2)^2, value 2.5 R0 (27/8) / 4000 */
	{"bancor(reserve_ratio=0.4, initial_supply=4000, initial_reserve=1)", "9000", 8, "0.00210938"},
	{"bancor(reserve_ratio=0.4, initial_supply=4000, initial_reserve=3)", "9000", 8, "0.00632812"},
	/* rr = 0.8, y = 5/4: S/S0 = 16/1, value 1.25 R0 2 / S0 = 0.3125 (0.9375 for R0 = 3) */
	{"bancor(reserve_ratio=0.8, initial_supply=8, initial_reserve=1)", "128", 3, "0.312"},
	{"bancor(reserve_ratio=0.8, initial_supply=8, initial_reserve=3)", "128", 3, "0.938"},
	/* bancor at supply 0: 0 for rr < 1 */
	{"bancor(reserve_ratio=0.333333, initial_supply=1000, initial_reserve=1)", "0", 3, "0.000"},
};

static void
test_ties_every_kind(void)
{
	check_spot_cases(ties_every_kind, sizeof(ties_every_kind) / sizeof(ties_every_kind[0]));
}

/* Values out of range, and the scale limits, for both MPFR kinds. */
static void
test_errors(void)
{
	CHECK_SPOT("exponential(base=1, ratio=2)", "5000", 0, "ERROR 2");
	CHECK_SPOT("exponential(base=1, ratio=1.0000000000000000000000000000000000000001)",
			   "115792089237316195423570985008687907853269984665640564039457584007913129639935", 0, "ERROR 2");
	CHECK_SPOT("bancor(reserve_ratio=0.000001, initial_supply=8000000, initial_reserve=1)", "16000000", 0, "ERROR 2");
	CHECK_SPOT("exponential(base=1, ratio=1.005)", "1", 101, "ERROR 3");
	CHECK_SPOT("bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)", "1", -1, "ERROR 3");
	/* the last value in range: 2^3999 is below 2^4000 */
	CHECK(strncmp(spot("exponential(base=1, ratio=2)", "3999", 0, NULL, NULL), "ERROR", 5) != 0);
	CHECK_SPOT("exponential(base=1, ratio=2)", "4000", 0, "ERROR 2");
	mpfr_free_cache();
}

/*
 * Which stage decides: the enclosure for ordinary values, the exact value
 * for ties, refinement for near-ties it cannot compute exactly, and the
 * approximation's nearest when nothing else is allowed.  Without the exact
 * stage the two reported ties land on the wrong side, as they did before.
 */
static void
test_stages(void)
{
	cd_spot_route route = 0;
	const cd_spot_limits no_exact_no_refine = {0, 0, 0};
	const cd_spot_limits low_no_exact = {64, CD_SPOT_MAX_PREC, 0};
	const cd_spot_limits low = {64, CD_SPOT_MAX_PREC, CD_SPOT_EXACT_BITS};

	CHECK_STR_EQ(spot("exponential(base=1000, ratio=1.001)", "1000", 4, NULL, &route), "2716.9239");
	CHECK(route == CD_SPOT_ENCLOSED);
	CHECK_STR_EQ(spot("bancor(reserve_ratio=0.333333, initial_supply=1000000, initial_reserve=5000000)", "1000", 18,
					  NULL, &route), "0.000014999704153627");
	CHECK(route == CD_SPOT_ENCLOSED);
	CHECK_STR_EQ(spot("exponential(base=1, ratio=1.005)", "1", 2, NULL, &route), "1.00");
	CHECK(route == CD_SPOT_EXACT);
	CHECK_STR_EQ(spot("bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)", "17500", 2, NULL, &route), "0.04");
	CHECK(route == CD_SPOT_EXACT);
	CHECK_STR_EQ(spot("bancor(reserve_ratio=0.4, initial_supply=4000, initial_reserve=1)", "9000", 8, NULL, &route), "0.00210938");
	CHECK(route == CD_SPOT_EXACT);
	/* y = 10^6 at S = S0: 1^999999 is exact and free; 7 10^6 / (2 10^8) = 0.035 */
	CHECK_STR_EQ(spot("bancor(reserve_ratio=0.000001, initial_supply=200000000, initial_reserve=7)", "200000000", 2,
					  NULL, &route), "0.04");
	CHECK(route == CD_SPOT_EXACT);

	/* the binary approximation alone: the reported wrong sides */
	CHECK_STR_EQ(spot("exponential(base=1, ratio=1.005)", "1", 2, &no_exact_no_refine, &route), "1.01");
	CHECK(route == CD_SPOT_NEAREST);
	CHECK_STR_EQ(spot("bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)", "17500", 2,
					  &no_exact_no_refine, &route), "0.03");
	CHECK(route == CD_SPOT_NEAREST);

	/* near-ties at 64 bits: 2.50000000000000000000002 and 2.49999999999999999999998 */
	CHECK_STR_EQ(spot("exponential(base=1.25000000000000000000001, ratio=2)", "1", 0, &low_no_exact, &route), "3");
	CHECK(route == CD_SPOT_REFINED);
	CHECK_STR_EQ(spot("exponential(base=1.24999999999999999999999, ratio=2)", "1", 0, &low_no_exact, &route), "2");
	CHECK(route == CD_SPOT_REFINED);
	CHECK_STR_EQ(spot("exponential(base=1.25000000000000000000001, ratio=2)", "1", 0, &low, &route), "3");
	CHECK(route == CD_SPOT_EXACT);
	/* irrational (rr 1/3-ish, S/S0 = 2 is no cube): refinement decides */
	CHECK_STR_EQ(spot("bancor(reserve_ratio=0.3, initial_supply=1, initial_reserve=1)", "2", 18, &low, &route),
				 spot("bancor(reserve_ratio=0.3, initial_supply=1, initial_reserve=1)", "2", 18, NULL, NULL));
	/* past the exact limit (10001^(10^6) has 13.3 million bits): refinement */
	CHECK_STR_EQ(spot("exponential(base=1, ratio=1.0001)", "1000000", 18, &low, &route),
				 "26747109931421401729483544817907127664007597.525044973841741932");
	CHECK(route == CD_SPOT_REFINED);
	mpfr_free_cache();
}

/* ref = num * 10^scale / den rounded half-even, written out here */
static void
reference_round(mpz_t q, const mpq_t v, int scale)
{
	mpz_t		n;
	mpz_t		r;
	mpz_t		twice;

	mpz_inits(n, r, twice, (mpz_ptr) 0);
	mpz_ui_pow_ui(n, 10, (unsigned long) scale);
	mpz_mul(n, n, mpq_numref(v));
	mpz_tdiv_qr(q, r, n, mpq_denref(v));
	mpz_mul_ui(twice, r, 2);
	if (mpz_cmp(twice, mpq_denref(v)) > 0 ||
		(mpz_cmp(twice, mpq_denref(v)) == 0 && mpz_odd_p(q)))
		mpz_add_ui(q, q, 1);
	mpz_clears(n, r, twice, (mpz_ptr) 0);
}

/* true when 10^scale v is k + 1/2 for an integer k: 2 10^scale v is odd */
static bool
is_tie(const mpq_t v, int scale)
{
	mpq_t		t;
	bool		tie;

	mpq_init(t);
	mpz_ui_pow_ui(mpq_numref(t), 10, (unsigned long) scale);
	mpz_mul_2exp(mpq_numref(t), mpq_numref(t), 1);
	mpq_mul(t, t, v);
	tie = mpz_cmp_ui(mpq_denref(t), 1) == 0 && mpz_odd_p(mpq_numref(t));
	mpq_clear(t);
	return tie;
}

/* the text of n / 10^scale with exactly scale decimals */
static void
decimal_text(char *out, size_t size, const mpz_t n, int scale)
{
	char		digits[CD_CURVE_SPOT_LEN];
	size_t		len;
	size_t		pad;

	if (mpz_sizeinbase(n, 10) + 2 > sizeof(digits))
	{
		snprintf(out, size, "too long");
		return;
	}
	mpz_get_str(digits, 10, n);
	len = strlen(digits);
	if (scale == 0)
		snprintf(out, size, "%s", digits);
	else if (len > (size_t) scale)
		snprintf(out, size, "%.*s.%s", (int) (len - (size_t) scale), digits, digits + len - scale);
	else
	{
		/* "0." then scale - len zeros then the digits */
		pad = (size_t) scale - len;
		snprintf(out, size, "0.%.*s%s", (int) pad,
				 "0000000000000000000000000000000000000000000000000000000000000000"
				 "0000000000000000000000000000000000000000", digits);
	}
}

struct tally
{
	int			cases;
	int			ties;
	int			enclosed;
	bool		equal;
};

/* compare one curve and supply with the reference value v at scale */
static void
compare(struct tally *t, const char *text, const char *supply, int scale, const mpq_t v)
{
	mpz_t		q;
	char		want[CD_CURVE_SPOT_LEN + 200];
	const char *got;
	cd_spot_route route = 0;
	bool		tie = is_tie(v, scale);

	mpz_init(q);
	reference_round(q, v, scale);
	decimal_text(want, sizeof(want), q, scale);
	got = spot(text, supply, scale, NULL, &route);
	t->cases++;
	if (tie)
		t->ties++;
	if (route == CD_SPOT_ENCLOSED)
		t->enclosed++;
	if (strcmp(got, want) != 0 || (tie && route != CD_SPOT_EXACT))
	{
		if (t->equal)
			fprintf(stderr, "%s at %s, scale %d: got %s (route %d), exact %s%s\n",
					text, supply, scale, got, (int) route, want, tie ? " (a tie)" : "");
		t->equal = false;
	}
	mpz_clear(q);
}

/*
 * The end of a random run: every case equal to the reference, more than
 * min_ties ties among them, and every tie through the exact stage while
 * nearly all others were not.
 */
static void
check_tally(const struct tally *t, const char *kind, int min_ties)
{
	CHECK(t->equal);
	CHECK(t->ties > min_ties);
	CHECK(t->enclosed >= t->cases - t->ties - 5);
	printf("spot %s: %d cases, %d ties, %d decided by the enclosure\n", kind, t->cases, t->ties, t->enclosed);
	mpfr_free_cache();
}

/*
 * Random exponential curves built to tie: base B/10^b with B odd, ratio
 * Q/10^q with Q an odd multiple of 5, so B Q^s / 10^(b + q s) has exactly
 * b + q s decimals, the last a 5; checked at that scale minus one (a tie),
 * minus two and plus one (no tie), against mpq products.
 */
static void
test_random_exponential(void)
{
	uint64_t	state = 0x853c49e6748fea9bULL;
	struct tally t = {0, 0, 0, true};
	int			n;

	for (n = 0; n < 1500; n++)
	{
		unsigned	q = 1 + (unsigned) (unit_random(&state) % 3);
		unsigned	b = (unsigned) (unit_random(&state) % 5);
		uint64_t	p10q = q == 1 ? 10 : q == 2 ? 100 : 1000;
		uint64_t	qm = p10q + 5 * (2 * (unit_random(&state) % (p10q / 10)) + 1);
		uint64_t	bm = 2 * (unit_random(&state) % 500000) + 1;
		unsigned	smax = (100 - b) / q;
		unsigned	s = (unsigned) (unit_random(&state) % (smax > 40 ? 40 : smax));
		int			e = (int) (b + q * s);
		char		text[200];
		char		supply[32];
		char		bt[64];
		char		rt[64];
		mpq_t		v;
		mpq_t		r;
		unsigned	i;
		int			d;

		if (e == 0)
			continue;
		snprintf(bt, sizeof(bt), "%llu", (unsigned long long) bm);
		if (b > 0)
		{
			size_t		len = strlen(bt);

			if (len <= b)
				snprintf(bt, sizeof(bt), "0.%0*llu", (int) b, (unsigned long long) bm);
			else
			{
				memmove(bt + len - b + 1, bt + len - b, b + 1);
				bt[len - b] = '.';
			}
		}
		snprintf(rt, sizeof(rt), "1.%0*llu", (int) q, (unsigned long long) (qm - p10q));
		snprintf(text, sizeof(text), "exponential(base=%s, ratio=%s)", bt, rt);
		snprintf(supply, sizeof(supply), "%u", s);
		mpq_inits(v, r, (mpq_ptr) 0);
		mpq_set_ui(v, (unsigned long) bm, 1);
		mpz_ui_pow_ui(mpq_denref(v), 10, b);
		mpq_canonicalize(v);
		mpq_set_ui(r, (unsigned long) qm, (unsigned long) p10q);
		mpq_canonicalize(r);
		for (i = 0; i < s; i++)
			mpq_mul(v, v, r);
		for (d = e - 2; d <= e + 1; d++)
			if (d >= 0 && d <= CD_CURVE_MAX_SPOT_SCALE && d != e)
				compare(&t, text, supply, d, v);
		mpq_clears(v, r, (mpq_ptr) 0);
	}
	check_tally(&t, "exponential", 1000);
}

/*
 * Random bancor curves with a rational spot price: integer 1/rr (1, 2, 4,
 * 5, 8, 10) with S0 = 2^i 5^j, and 1/rr = N/D (5/2, 5/4, 4/3, 10/3) with
 * S = u^D t and S0 = v^D t, so that S/S0 = (u/v)^D.  Each at its tie scale
 * when it has one and at two other scales, against mpq products.
 */
static void
test_random_bancor(void)
{
	static const char *const rrs[] = {"1", "0.5", "0.25", "0.2", "0.125", "0.1", "0.4", "0.8", "0.75", "0.3"};
	static const unsigned ynum[] = {1, 2, 4, 5, 8, 10, 5, 5, 4, 10};
	static const unsigned yden[] = {1, 1, 1, 1, 1, 1, 2, 4, 3, 3};
	uint64_t	state = 0xda3e39cb94b95bdbULL;
	struct tally t = {0, 0, 0, true};
	int			n;

	for (n = 0; n < 3000; n++)
	{
		unsigned	k = (unsigned) (unit_random(&state) % 10);
		uint64_t	r0 = 1 + unit_random(&state) % 100000;
		uint64_t	u = 1 + unit_random(&state) % 12;
		uint64_t	w = 1 + unit_random(&state) % 12;
		uint64_t	tt = 1;
		unsigned	i2 = (unsigned) (unit_random(&state) % 4);
		unsigned	i5 = (unsigned) (unit_random(&state) % 3);
		uint64_t	s;
		uint64_t	s0;
		unsigned	a = ynum[k] - yden[k];
		char		text[200];
		char		supply[32];
		mpq_t		v;
		mpq_t		x;
		unsigned	i;
		int			d;
		int			len;

		while (i2-- > 0)
			tt *= 2;
		while (i5-- > 0)
			tt *= 5;
		if (yden[k] == 1)
		{
			/* any S; S0 a product of 2s and 5s */
			s = unit_random(&state) % 100000;
			s0 = tt;
		}
		else
		{
			uint64_t	ud = 1;
			uint64_t	wd = 1;

			for (i = 0; i < yden[k]; i++)
			{
				ud *= u;
				wd *= w;
			}
			s = ud * tt;
			s0 = wd * tt;
		}
		snprintf(text, sizeof(text), "bancor(reserve_ratio=%s, initial_supply=%llu, initial_reserve=%llu)",
				 rrs[k], (unsigned long long) s0, (unsigned long long) r0);
		snprintf(supply, sizeof(supply), "%llu", (unsigned long long) s);
		/* v = R0 y x^(y-1) / S0 with x^(1/D) = u/w (or S/S0 for D = 1) */
		mpq_inits(v, x, (mpq_ptr) 0);
		if (yden[k] == 1)
			mpq_set_ui(x, (unsigned long) s, (unsigned long) s0);
		else
			mpq_set_ui(x, (unsigned long) u, (unsigned long) w);
		mpq_canonicalize(x);
		mpq_set_ui(v, (unsigned long) (r0 * ynum[k]), (unsigned long) (yden[k] * s0));
		mpq_canonicalize(v);
		for (i = 0; i < a; i++)
			mpq_mul(v, v, x);
		/* the number of decimals, when the value has finitely many */
		for (len = 0; len <= 60; len++)
		{
			mpq_t		m;
			bool		integral;

			mpq_init(m);
			mpz_ui_pow_ui(mpq_numref(m), 10, (unsigned long) len);
			mpq_mul(m, m, v);
			integral = mpz_cmp_ui(mpq_denref(m), 1) == 0;
			mpq_clear(m);
			if (integral)
				break;
		}
		for (d = len - 3; d <= len; d++)
			if (d >= 0 && d <= 60)
				compare(&t, text, supply, d, v);
		if (len > 60)
			compare(&t, text, supply, (int) (unit_random(&state) % 30), v);
		mpq_clears(v, x, (mpq_ptr) 0);
	}
	check_tally(&t, "bancor", 500);
}

int
main(void)
{
	RUN(test_ties_every_kind);
	RUN(test_errors);
	RUN(test_stages);
	RUN(test_random_exponential);
	RUN(test_random_bancor);
	return unit_summary("test_curve_spot");
}
