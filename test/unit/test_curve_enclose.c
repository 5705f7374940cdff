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

/* a random exponential curve; *ln_ratio is ln(ratio) for sizing supplies */
static cd_curve
random_exponential(double *ln_ratio)
{
	cd_curve	c;
	unsigned	q = (unsigned) rnd_in(0, 12);
	uint64_t	p = pow10u(q);
	uint64_t	d;

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
	{
		mpfr_t		x;

		mpfr_init2(x, 64);
		mpfr_set_d(x, (double) d / (double) p, MPFR_RNDN);
		mpfr_log1p(x, x, MPFR_RNDN);
		*ln_ratio = mpfr_get_d(x, MPFR_RNDN);
		mpfr_clear(x);
	}
	return c;
}

static void
test_exponential_identity(void)
{
	long		cases = getenv("CURVE_ENCLOSE_CASES") ? atol(getenv("CURVE_ENCLOSE_CASES")) : 1000000;
	long		per_curve = 1000;
	long		done = 0;
	long		decided = 0;
	long		mismatches = 0;

	while (done < cases)
	{
		double		ln_ratio;
		cd_curve	c = random_exponential(&ln_ratio);
		/* supplies up to where the reserve passes 2^256, and a little beyond */
		double		smax = 190.0 / ln_ratio;
		int			top = 1;
		long		i;

		while (top < 34 && (double) (1ULL << top) < smax)
			top++;
		for (i = 0; i < per_curve && done < cases; i++, done++)
		{
			int			b = (int) rnd_in(1, (uint64_t) top);
			uint64_t	n = rnd_in(1, (1ULL << b) - 1);
			cd_u256		s;
			cd_u256		fast;
			cd_u256		full;
			cd_error	err;

			cd_u256_from_u64(&s, n);
			if (!cd_curve_exponential_enclosed(&c, &s, &fast))
				continue;
			decided++;
			if (!cd_curve_reserve_exponential_full(&c, &s, &full, &err) ||
				cd_u256_cmp(&fast, &full) != 0)
			{
				if (mismatches++ < 5)
					fprintf(stderr, "exponential enclosure differs: ratio mant %llu scale %u, supply %llu\n",
							(unsigned long long) c.param[CD_EXP_RATIO].limb[0],
							c.scale[CD_EXP_RATIO], (unsigned long long) n);
			}
		}
	}
	CHECK(mismatches == 0);
	/* the enclosure must decide nearly always, or it is no use */
	CHECK(decided > cases * 9 / 10);
	printf("exponential: %ld cases, enclosure decided %ld, full path ran %ld times, %ld mismatches\n",
		   cases, decided, cases - decided, mismatches);
}

int
main(void)
{
	const char *seed = getenv("CURVE_ENCLOSE_SEED");

	rng_state = seed ? strtoull(seed, NULL, 10) : (uint64_t) time(NULL);
	printf("test_curve_enclose: seed %llu (CURVE_ENCLOSE_SEED)\n", (unsigned long long) rng_state);
	RUN(test_exponential_identity);
	return unit_summary("test_curve_enclose");
}
