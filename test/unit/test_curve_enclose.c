/*
 * test_curve_enclose.c - the cheap enclosures of the irrational reserves
 * against the full-precision paths they stand in for, on 10^6 random
 * (curve, supply) pairs: whenever an enclosure decides, its reserve is the
 * full path's, bit for bit.  Prints the seed and how often the full path
 * had to run (the enclosure undecided).  CURVE_ENCLOSE_SEED and
 * CURVE_ENCLOSE_CASES override the defaults.
 */
#include <stdlib.h>
#include <time.h>

#include <mpfr.h>

#include "unit.h"
#include "core/curve_kernels.h"

static uint64_t rng_state;

/* splitmix64 */
static uint64_t
rnd(void)
{
	uint64_t	z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* uniform in [lo, hi] */
static uint64_t
rnd_in(uint64_t lo, uint64_t hi)
{
	return lo + rnd() % (hi - lo + 1);
}

static uint64_t
pow10u(unsigned q)
{
	uint64_t	p = 1;

	while (q-- > 0)
		p *= 10;
	return p;
}

/*
 * A random exponential curve; *top is the bit length of its largest
 * supplies, up to where the reserve passes 2^256 (about 178 / ln ratio)
 * and a little beyond, capped at 34 bits.
 */
static cd_curve
random_exponential(int *top)
{
	cd_curve	c;
	unsigned	q = (unsigned) rnd_in(0, 12);
	uint64_t	p = pow10u(q);
	uint64_t	d;
	double		smax;
	mpfr_t		x;

	memset(&c, 0, sizeof(c));
	c.kind = CD_CURVE_EXPONENTIAL;
	if (rnd() % 8 == 0)
	{
		/* the bench's curve */
		q = 4;
		p = 10000;
		d = 1;
		cd_u256_from_u64(&c.param[CD_EXP_BASE], 1000000000);
	}
	else
	{
		d = q == 0 ? rnd_in(1, 9) : rnd_in(1, p);
		cd_u256_from_u64(&c.param[CD_EXP_BASE], rnd_in(1, UINT64_MAX >> rnd_in(0, 63)));
		c.scale[CD_EXP_BASE] = (uint8_t) rnd_in(0, 18);
	}
	cd_u256_from_u64(&c.param[CD_EXP_RATIO], p + d);
	c.scale[CD_EXP_RATIO] = (uint8_t) q;
	mpfr_init2(x, 64);
	mpfr_set_d(x, (double) d / (double) p, MPFR_RNDN);
	mpfr_log1p(x, x, MPFR_RNDN);
	smax = 190.0 / mpfr_get_d(x, MPFR_RNDN);
	mpfr_clear(x);
	*top = 1;
	while (*top < 34 && (double) (1ULL << *top) < smax)
		(*top)++;
	return c;
}

/*
 * A random bancor curve: the bench's two, or rr in [1/100, 1] (1/rr up to
 * 100, some of it past the series' 64, some integers); supplies below 2^33.
 */
static cd_curve
random_bancor(int *top)
{
	cd_curve	c;
	unsigned	q = (unsigned) rnd_in(0, 6);
	uint64_t	p = pow10u(q);
	uint64_t	m;

	memset(&c, 0, sizeof(c));
	c.kind = CD_CURVE_BANCOR;
	if (rnd() % 8 == 0)
	{
		q = 6;
		m = rnd() % 2 ? 300000 : 333333;
		cd_u256_from_u64(&c.param[CD_BANCOR_INITIAL_SUPPLY], 1000000);
		cd_u256_from_u64(&c.param[CD_BANCOR_INITIAL_RESERVE], 1000000000000000000ULL);
	}
	else
	{
		m = rnd_in(p / 100 > 0 ? p / 100 : 1, p);
		cd_u256_from_u64(&c.param[CD_BANCOR_INITIAL_SUPPLY], rnd_in(1, UINT64_MAX >> rnd_in(0, 63)));
		cd_u256_from_u64(&c.param[CD_BANCOR_INITIAL_RESERVE], rnd_in(1, UINT64_MAX >> rnd_in(0, 63)));
	}
	/* canonical: no trailing zeros in the reserve ratio */
	while (q > 0 && m % 10 == 0)
	{
		m /= 10;
		q--;
	}
	cd_u256_from_u64(&c.param[CD_BANCOR_RESERVE_RATIO], m);
	c.scale[CD_BANCOR_RESERVE_RATIO] = (uint8_t) q;
	*top = 33;
	return c;
}

/* a random supply: around bancor's initial supply half the time, else of 1 to top bits */
static uint64_t
random_supply(const cd_curve *c, int top)
{
	uint64_t	s0 = (uint64_t) c->param[CD_BANCOR_INITIAL_SUPPLY].limb[0];

	if (c->kind == CD_CURVE_BANCOR && rnd() % 2 && s0 < (1ULL << 40))
		return rnd_in(1, 2 * s0 + 2);
	return rnd_in(1, (1ULL << rnd_in(1, (uint64_t) top)) - 1);
}

/* one kind's enclosure, which stands in for the full path */
typedef struct identity_kind
{
	const char *name;
	cd_curve	(*curve) (int *top);
	bool		(*fast) (const cd_curve *c, const cd_u256 *s, cd_u256 *out);
} identity_kind;

/*
 * cases random (curve, supply) pairs, 1000 per curve: wherever the
 * enclosure decides, the full path returns the same reserve; out of range
 * it never decides.  Prints how often the full path had to run, in all and
 * in range (for bancor, the exact integer-exponent curves apart, which the
 * enclosure declines and the exact path computes).
 */
static void
check_identity(const identity_kind *k)
{
	long		cases = getenv("CURVE_ENCLOSE_CASES") ? atol(getenv("CURVE_ENCLOSE_CASES")) : 1000000;
	long		done = 0;
	long		decided = 0;
	long		in_range = 0;
	long		exact = 0;
	long		domain = 0;
	long		domain_decided = 0;
	long		mismatches = 0;
	long		small_decided = 0;

	while (done < cases)
	{
		int			top;
		cd_curve	c = k->curve(&top);
		unsigned long num = 1;
		unsigned long den = 2;
		long		i;

		if (c.kind == CD_CURVE_BANCOR)
			cd_curve_bancor_exponent(&c, &num, &den);
		for (i = 0; i < 1000 && done < cases; i++, done++)
		{
			uint64_t	n = random_supply(&c, top);
			cd_u256		s;
			cd_u256		fast;
			cd_u256		full;
			cd_error	err;
			bool		in_domain;

			cd_u256_from_u64(&s, n);
			if (!cd_curve_reserve_mpfr(&c, &s, false, &full, &err))
			{
				CHECK(!k->fast(&c, &s, &fast));
				continue;
			}
			in_range++;
			exact += num % den == 0;
			/* the enclosure's domain: S < 2^32, for bancor 1/rr <= 64 and not an integer */
			in_domain = (n >> 32) == 0 && num % den != 0 && num <= 64 * den;
			domain += in_domain;
			if (!k->fast(&c, &s, &fast))
				continue;
			decided++;
			domain_decided += in_domain;
			/* a bancor reserve below 2^62 is the 128-bit route's (it takes W0 < 2^63) */
			small_decided += full.limb[3] == 0 && full.limb[2] == 0 && full.limb[1] == 0 &&
				(full.limb[0] >> 62) == 0;
			if (cd_u256_cmp(&fast, &full) != 0 && mismatches++ < 5)
				fprintf(stderr, "%s enclosure differs: params %llu/10^%u, %llu, supply %llu\n",
						k->name, (unsigned long long) c.param[0].limb[0], c.scale[0],
						(unsigned long long) c.param[1].limb[0], (unsigned long long) n);
		}
	}
	CHECK(mismatches == 0);
	/* most in-range supplies are decided, or the enclosure is no use */
	CHECK(decided > (in_range - exact) * 3 / 5);
	printf("%s: %ld cases, %ld in range (%ld exact), enclosure decided %ld, "
		   "full path ran %ld times (%ld in range, %ld past the exact ones; "
		   "%ld of the %ld in the enclosure's domain; decided %ld below 2^62), %ld mismatches\n",
		   k->name, cases, in_range, exact, decided, cases - decided, in_range - decided,
		   in_range - exact - decided, domain - domain_decided, domain, small_decided, mismatches);
}

/* a bancor curve rr = m / 10^q, S0, R0 */
static cd_curve
bancor_curve(uint64_t m, unsigned q, uint64_t s0, uint64_t r0)
{
	cd_curve	c;

	memset(&c, 0, sizeof(c));
	c.kind = CD_CURVE_BANCOR;
	cd_u256_from_u64(&c.param[CD_BANCOR_RESERVE_RATIO], m);
	c.scale[CD_BANCOR_RESERVE_RATIO] = (uint8_t) q;
	cd_u256_from_u64(&c.param[CD_BANCOR_INITIAL_SUPPLY], s0);
	cd_u256_from_u64(&c.param[CD_BANCOR_INITIAL_RESERVE], r0);
	return c;
}

/*
 * The series enclosure at supply n (its curve primed first: a new curve is
 * only recorded): 1 when it decides, and then *full must equal its result,
 * 0 when it leaves the supply to the MPFR path, with the full path's
 * reserve in *full; -1 when the reserve is out of range (the enclosure
 * must then decline too).
 */
static int
series_at(const cd_curve *c, uint64_t n, cd_u256 *full)
{
	cd_u256		s;
	cd_u256		fast;
	cd_u256		prime;
	cd_error	err;
	bool		decided;

	cd_u256_from_u64(&prime, 1);
	(void) cd_curve_bancor_series(c, &prime, &fast);
	cd_u256_from_u64(&s, n);
	if (!cd_curve_reserve_mpfr(c, &s, false, full, &err))
	{
		CHECK(!cd_curve_bancor_series(c, &s, &fast));
		return -1;
	}
	decided = cd_curve_bancor_series(c, &s, &fast);
	if (decided)
		CHECK(cd_u256_cmp(&fast, full) == 0);
	return decided ? 1 : 0;
}

/*
 * The edges of the bancor enclosure: supplies at the split points of both
 * routes' tables (2^9 and 2^12 apart, r = 0 and r = 2^h - 1), the largest
 * supply it takes (2^32 - 1) and the first it declines, reserves on either
 * side of 2^63 (where the 128-bit route hands over to the mpn one), an
 * exactly integral reserve (S = S0: R = R0, which must go to the MPFR
 * path), exponents just above an integer and just below 64, and past 64.
 */
static void
test_bancor_edges(void)
{
	static const uint64_t supplies[] = {
		1, 2, 511, 512, 513, 1023, 1024, 4095, 4096, 4097, 8191, 8192,
		(1ULL << 20) - 1, 1ULL << 20, (1ULL << 20) + 1, 999999, 1000000, 1000001,
		(1ULL << 31) + 12345, (1ULL << 32) - 1
	};
	static const struct
	{
		uint64_t	m;
		unsigned	q;
	}			ratios[] = {{3, 1}, {333333, 6}, {99, 2}, {157, 4}, {999999, 6}, {7, 1}};
	static const uint64_t reserves[] = {
		1, 1000000000000000000ULL, (1ULL << 61) + 1, (1ULL << 62) - 1, 1ULL << 62,
		(1ULL << 63) - 1, 1ULL << 63, UINT64_MAX
	};
	cd_u256		full;
	cd_u256		s;
	cd_u256		out;
	size_t		i;
	size_t		j;
	size_t		k;
	long		decided = 0;
	long		cases = 0;

	for (i = 0; i < sizeof(ratios) / sizeof(ratios[0]); i++)
		for (j = 0; j < sizeof(reserves) / sizeof(reserves[0]); j++)
			for (k = 0; k < sizeof(supplies) / sizeof(supplies[0]); k++)
			{
				cd_curve	c = bancor_curve(ratios[i].m, ratios[i].q, 1000000, reserves[j]);

				int			r = series_at(&c, supplies[k], &full);

				if (r < 0)
					continue;
				decided += r;
				cases++;
			}
	/* the enclosure decides almost all of them (not S = S0) */
	CHECK(decided > cases * 9 / 10);

	/* S = S0: R = R0 exactly, an integer, is left to the MPFR path, which gives R0 */
	{
		cd_curve	c = bancor_curve(3, 1, 1000000, 1000000000000000000ULL);

		CHECK(series_at(&c, 1000000, &full) == 0);
		CHECK(full.limb[0] == 1000000000000000000ULL && full.limb[1] == 0);
		/* and its neighbours are decided, below and above R0 */
		CHECK(series_at(&c, 999999, &full) == 1);
		CHECK(full.limb[0] < 1000000000000000000ULL);
		CHECK(series_at(&c, 1000001, &full) == 1);
		CHECK(full.limb[0] > 1000000000000000000ULL);
	}
	/* a supply of 2^32 is past both routes; 2^32 - 1 is not */
	{
		cd_curve	c = bancor_curve(333333, 6, 1ULL << 31, 1000000);

		CHECK(series_at(&c, (1ULL << 32) - 1, &full) == 1);
		cd_u256_from_u64(&s, 1ULL << 32);
		CHECK(!cd_curve_bancor_series(&c, &s, &out));
	}
	/* y = 1/0.0157 = 63.69 (many terms) decides; y = 100 and y = 2 (integer) are declined */
	{
		cd_curve	c = bancor_curve(157, 4, 1000000, 1000000);

		CHECK(series_at(&c, 1000777, &full) == 1);
		c = bancor_curve(1, 2, 1000000, 1000000);
		CHECK(series_at(&c, 1000777, &full) == 0);
		c = bancor_curve(5, 1, 1000000, 1000000);
		CHECK(series_at(&c, 1000777, &full) == 0);
	}
	/* reserves either side of 2^64: the 128-bit route below, the mpn route above */
	{
		cd_curve	c = bancor_curve(3, 1, 1000000, (1ULL << 63) - 25);

		CHECK(series_at(&c, 999998, &full) == 1);
		CHECK(full.limb[1] == 0);
		CHECK(series_at(&c, 1000123, &full) == 1);
		CHECK(full.limb[1] == 0);
		CHECK(series_at(&c, 1300000, &full) == 1);
		CHECK(full.limb[1] != 0);
	}
	printf("bancor edges: %ld cases, enclosure decided %ld\n", cases, decided);
}

static void
test_exponential_identity(void)
{
	static const identity_kind k = {"exponential", random_exponential,
		cd_curve_exponential_enclosed};

	check_identity(&k);
}

static void
test_bancor_identity(void)
{
	static const identity_kind k = {"bancor", random_bancor,
		cd_curve_bancor_series};

	check_identity(&k);
}

int
main(void)
{
	const char *seed = getenv("CURVE_ENCLOSE_SEED");

	rng_state = seed ? strtoull(seed, NULL, 10) : (uint64_t) time(NULL);
	printf("test_curve_enclose: seed %llu (CURVE_ENCLOSE_SEED)\n", (unsigned long long) rng_state);
	RUN(test_exponential_identity);
	RUN(test_bancor_identity);
	RUN(test_bancor_edges);
	return unit_summary("test_curve_enclose");
}
