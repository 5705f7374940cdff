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

/* one kind's enclosure and the full path it stands in for */
typedef struct identity_kind
{
	const char *name;
	cd_curve	(*curve) (int *top);
	bool		(*fast) (const cd_curve *c, const cd_u256 *s, cd_u256 *out);
	bool		(*full) (const cd_curve *c, const cd_u256 *s, cd_u256 *out, cd_error *err);
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
			if (!k->full(&c, &s, &full, &err))
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
		   "%ld of the %ld in the enclosure's domain), %ld mismatches\n",
		   k->name, cases, in_range, exact, decided, cases - decided, in_range - decided,
		   in_range - exact - decided, domain - domain_decided, domain, mismatches);
}

static void
test_exponential_identity(void)
{
	static const identity_kind k = {"exponential", random_exponential,
		cd_curve_exponential_enclosed, cd_curve_reserve_exponential_full};

	check_identity(&k);
}

static void
test_bancor_identity(void)
{
	static const identity_kind k = {"bancor", random_bancor,
		cd_curve_bancor_series, cd_curve_reserve_bancor_full};

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
	return unit_summary("test_curve_enclose");
}
