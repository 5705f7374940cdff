/*
 * test_royalty_split.c - royalty splits: parsing, canonical text, every
 * validation error, largest-remainder distribution, SplitMain v1
 * arithmetic, _hashSplit packing and nesting
 */
#include "unit.h"
#include "core/royalty_split.h"

#define A1 "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
#define A2 "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
#define A3 "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"
#define A4 "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"

static cd_split_recipient buf[CD_SPLIT_MAX_RECIPIENTS];
static cd_split_recipient buf2[CD_SPLIT_MAX_RECIPIENTS];
static cd_split_recipient nestbuf[2 * CD_SPLIT_MAX_RECIPIENTS];

/* Parse text into a split backed by storage; true on success. */
static bool
parse(const char *text, cd_split *s, cd_split_recipient *storage, cd_error *err)
{
	s->r = storage;
	cd_error_clear(err);
	return cd_split_parse(text, strlen(text), s, err);
}

/* Canonical text of a split (static buffer). */
static const char *
fmt(const cd_split *s)
{
	static char out[CD_SPLIT_TEXT_MAX(CD_SPLIT_MAX_RECIPIENTS * 2)];

	cd_split_format(s, out);
	return out;
}

static void
test_parse_and_canonical_text(void)
{
	cd_split	s;
	cd_error	err;

	CHECK(parse(A2 "=40%, " A1 "=60%", &s, buf, &err));
	CHECK(s.count == 2 && s.fee == 0);
	/* sorted by address ascending: 0x5a... before 0xfb... */
	CHECK_STR_EQ(fmt(&s), A1 "=60%, " A2 "=40%");
	CHECK(parse("  0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed = 333334ppm ,"
				"0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=33.3333 %,"
				"0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb=333333ppm, distributor_fee = 0.5%  ",
				&s, buf, &err));
	CHECK(s.fee == 5000);
	CHECK_STR_EQ(fmt(&s), A1 "=33.3334%, " A3 "=33.3333%, " A2 "=33.3333%, distributor_fee=0.5%");
	CHECK(parse(A1 "=100%, distributor_fee=100000ppm", &s, buf, &err));
	CHECK_STR_EQ(fmt(&s), A1 "=100%, distributor_fee=10%");
	CHECK(parse(A1 "=0.0001%, " A2 "=999999ppm", &s, buf, &err));
	CHECK_STR_EQ(fmt(&s), A1 "=0.0001%, " A2 "=99.9999%");
	/* the canonical text parses back to the same split */
	{
		cd_split	again;
		static char text[CD_SPLIT_TEXT_MAX(CD_SPLIT_MAX_RECIPIENTS * 2)];

		strcpy(text, fmt(&s));
		CHECK(parse(text, &again, buf2, &err));
		CHECK(cd_split_cmp(&s, &again) == 0);
	}
}

static void
test_percent_format(void)
{
	char		out[16];

	cd_split_format_percent(500000, out);
	CHECK_STR_EQ(out, "50%");
	cd_split_format_percent(333334, out);
	CHECK_STR_EQ(out, "33.3334%");
	cd_split_format_percent(10, out);
	CHECK_STR_EQ(out, "0.001%");
	cd_split_format_percent(125000, out);
	CHECK_STR_EQ(out, "12.5%");
	cd_split_format_percent(0, out);
	CHECK_STR_EQ(out, "0%");
}

/* A text the parser must refuse, with the error's code and a fragment of its message. */
typedef struct bad_split
{
	const char *text;
	cd_errcode	code;
	const char *fragment;
} bad_split;

static const bad_split bad_splits[] = {
	/* a well-formed split that is not a valid one */
	{"", CD_ERR_PARAM, "no recipients"},
	{"   ", CD_ERR_PARAM, "no recipients"},
	{A1 "=50%, " A1 "=50%", CD_ERR_PARAM, "duplicate recipient"},
	{A1 "=50%, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50%", CD_ERR_PARAM, "duplicate recipient"},
	{A1 "=0%, " A2 "=100%", CD_ERR_PARAM, "zero share"},
	{A1 "=60%, " A2 "=39.9999%", CD_ERR_PARAM, "sum to 99.9999%"},
	{A1 "=60%, " A2 "=60%", CD_ERR_PARAM, "sum to 120%"},
	{"distributor_fee=1%", CD_ERR_PARAM, "no recipients"},
	/* a share or fee out of range */
	{A1 "=100%, distributor_fee=10.0001%", CD_ERR_RANGE, "distributor fee out of range"},
	{A1 "=100%, distributor_fee=101%", CD_ERR_RANGE, "at most 10%"},
	{A1 "=150%", CD_ERR_RANGE, "share out of range"},
	{A1 "=99999999999999999999%", CD_ERR_RANGE, "share out of range"},
	/* text that does not follow the grammar */
	{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD=100%", CD_ERR_SYNTAX, "checksum"},
	{"0x5aaeb6=100%", CD_ERR_SYNTAX, "eth_address"},
	{A1 "=33.33333%", CD_ERR_SYNTAX, "more than 4 decimals"},
	{A1 "=100", CD_ERR_SYNTAX, "needs a unit"},
	{A1 "=50.5ppm, " A2 "=50%", CD_ERR_SYNTAX, "whole number"},
	{A1 "=50.%", CD_ERR_SYNTAX, "followed by digits"},
	{A1 "=%", CD_ERR_SYNTAX, "Expected a share"},
	{A1 " 100%", CD_ERR_SYNTAX, "Expected \"=\""},
	{A1 "=100%,", CD_ERR_SYNTAX, "ends with"},
	{A1 "=100%, ,", CD_ERR_SYNTAX, "Expected an address"},
	{A1 "=100% x", CD_ERR_SYNTAX, "Expected \",\""},
	{"distributor_fee=1%, " A1 "=100%", CD_ERR_SYNTAX, "must come last"},
};

static void
test_every_error(void)
{
	size_t		i;

	for (i = 0; i < sizeof(bad_splits) / sizeof(bad_splits[0]); i++)
	{
		cd_split	s;
		cd_error	err;

		CHECK_FAILED_WITH(parse(bad_splits[i].text, &s, buf, &err), err, bad_splits[i].code,
						  bad_splits[i].fragment, true, bad_splits[i].text);
	}
}

/* A split of n recipients with addresses 1..n and shares summing to 1e6. */
static void
make_split(cd_split *s, cd_split_recipient *storage, uint32_t n, uint64_t *seed)
{
	uint32_t	left = CD_SPLIT_SCALE;
	uint32_t	i;

	s->r = storage;
	s->count = n;
	s->fee = 0;
	for (i = 0; i < n; i++)
	{
		uint32_t	share;

		memset(storage[i].addr, 0, CD_ETH_ADDRESS_LEN);
		*seed ^= *seed << 13;
		*seed ^= *seed >> 7;
		*seed ^= *seed << 17;
		memcpy(storage[i].addr + 12, seed, 8);
		storage[i].addr[0] = (uint8_t) i;
		if (i == n - 1)
			share = left;
		else
		{
			/* around the average of what is left, leaving 1 ppm for each of the rest */
			uint32_t	most = left - (n - 1 - i);
			uint32_t	avg = left / (n - i);

			share = 1 + (uint32_t) (*seed % (2 * avg));
			if (share > most)
				share = most;
		}
		storage[i].share = share;
		left -= share;
	}
}

static void
test_too_many_recipients(void)
{
	static char text[CD_SPLIT_TEXT_MAX(CD_SPLIT_MAX_RECIPIENTS + 1) + 64];
	cd_split	s;
	uint64_t	seed = 42;
	cd_error	err;

	make_split(&s, buf, CD_SPLIT_MAX_RECIPIENTS, &seed);
	CHECK(cd_split_normalize(&s, &err));
	cd_split_format(&s, text);
	CHECK(parse(text, &s, buf2, &err));
	CHECK(s.count == CD_SPLIT_MAX_RECIPIENTS);
	/* one more recipient is over the limit, reported with the count */
	strcat(text, ", 0x0000000000000000000000000000000000000001=1ppm");
	CHECK_FAILS(parse(text, &s, buf2, &err), err, CD_ERR_LIMIT, "too many recipients: 501");
}

/* A random uint256 of a random bit length (0 to 256 bits). */
static void
u256_rand(cd_u256 *v, uint64_t *seed)
{
	int			bits;
	int			i;

	for (i = 0; i < CD_U256_LIMBS; i++)
	{
		*seed ^= *seed << 13;
		*seed ^= *seed >> 7;
		*seed ^= *seed << 17;
		v->limb[i] = *seed;
	}
	bits = (int) (*seed % 257);
	for (i = 0; i < CD_U256_LIMBS; i++)
	{
		if (bits <= 64 * i)
			v->limb[i] = 0;
		else if (bits < 64 * (i + 1))
			v->limb[i] &= (((mp_limb_t) 1) << (bits - 64 * i)) - 1;
	}
}

/*
 * Distribute a small amount over s: v[i] each recipient's amount, and
 * v[s->count] the distributor fee, as uint64.
 */
static void
distribute_u64(const cd_split *s, uint64_t amount, uint64_t *v)
{
	static cd_u256 out[CD_SPLIT_MAX_RECIPIENTS];
	cd_u256		total;
	cd_u256		fee;

	cd_u256_from_u64(&total, amount);
	cd_split_distribute(s, &total, &fee, out);
	for (uint32_t i = 0; i < s->count; i++)
		CHECK(cd_u256_to_u64(&out[i], &v[i]));
	CHECK(cd_u256_to_u64(&fee, &v[s->count]));
}

static void
test_distribute_examples(void)
{
	cd_split	s;
	cd_error	err;
	cd_u256		amount;
	cd_u256		fee;
	cd_u256		out[4];
	uint64_t	v[4];

	/* 100 units in thirds: the 333334 ppm share has the largest remainder */
	CHECK(parse(A1 "=333334ppm, " A2 "=333333ppm, " A3 "=333333ppm", &s, buf, &err));
	distribute_u64(&s, 100, v);
	/* order: A1 (0x5a), A3 (0xdb), A2 (0xfb) */
	CHECK(v[0] == 34 && v[1] == 33 && v[2] == 33);

	/* 2 units in thirds: equal remainders for the two 333333 shares after
	 * the larger share; 2 * 333334 = 666668 -> floor 0 rem 666668;
	 * 2 * 333333 = 666666 -> rem 666666 each: A1 first, then the lower
	 * address of A3 / A2, which is A3 */
	distribute_u64(&s, 2, v);
	CHECK(v[0] == 1 && v[1] == 1 && v[2] == 0);

	/* ties on remainder broken by larger share: 1 unit, shares 60/40:
	 * remainders 600000 vs 400000 -> A1 */
	CHECK(parse(A1 "=40%, " A2 "=60%", &s, buf, &err));
	distribute_u64(&s, 1, v);
	CHECK(v[0] == 0 && v[1] == 1);
	/* 5 units 50/50: remainders equal (500000), shares equal: lower address */
	CHECK(parse(A2 "=50%, " A1 "=50%", &s, buf, &err));
	distribute_u64(&s, 5, v);
	CHECK(v[0] == 3 && v[1] == 2);

	/* distributor fee carved first: 1% of 1001 = 10, then 991 split 50/50 */
	CHECK(parse(A2 "=50%, " A1 "=50%, distributor_fee=1%", &s, buf, &err));
	distribute_u64(&s, 1001, v);
	CHECK(v[2] == 10 && v[0] == 496 && v[1] == 495);

	/* 2^256 - 1 to one recipient: all of it */
	CHECK(parse(A1 "=100%", &s, buf, &err));
	cd_u256_max(&amount);
	cd_split_distribute(&s, &amount, &fee, out);
	CHECK(cd_u256_cmp(&out[0], &amount) == 0);
}

/* conservation and "within one unit of the exact share" on random splits */
static void
test_distribute_properties(void)
{
	static cd_u256 out[CD_SPLIT_MAX_RECIPIENTS];
	uint64_t	seed = 0x9e3779b97f4a7c15ull;
	int			round;

	for (round = 0; round < 300; round++)
	{
		cd_split	s;
		cd_u256		amount;
		cd_u256		fee;
		cd_u256		sum;
		cd_u256		net;
		cd_error	err;
		uint32_t	n = 1 + (uint32_t) (seed % CD_SPLIT_MAX_RECIPIENTS);
		uint32_t	i;
		bool		ok = true;

		make_split(&s, buf, n, &seed);
		s.fee = (uint32_t) (seed % 3 == 0 ? seed % (CD_SPLIT_MAX_FEE + 1) : 0);
		if (!cd_split_normalize(&s, &err))
		{
			unit_failed++;
			fprintf(stderr, "FAIL make_split: %s / %s\n", err.message, err.detail);
			continue;
		}
		u256_rand(&amount, &seed);
		cd_split_distribute(&s, &amount, &fee, out);
		cd_u256_sub(&amount, &fee, &net);
		sum = fee;
		for (i = 0; i < s.count; i++)
		{
			cd_u256		exact;
			cd_u256		rem;
			cd_u256		share;
			cd_u256		scale;
			cd_u256		diff;

			ok = ok && cd_u256_add(&sum, &out[i], &sum);
			cd_u256_from_u64(&share, s.r[i].share);
			cd_u256_from_u64(&scale, CD_SPLIT_SCALE);
			cd_u256_muldiv(&net, &share, &scale, &exact, &rem);
			/* out is floor or floor + 1 */
			if (cd_u256_cmp(&out[i], &exact) < 0)
				ok = false;
			else
			{
				cd_u256_sub(&out[i], &exact, &diff);
				uint64_t	d;

				if (!cd_u256_to_u64(&diff, &d) || d > 1 || (d == 1 && cd_u256_is_zero(&rem)))
					ok = false;
			}
		}
		CHECK(ok);
		CHECK(cd_u256_cmp(&sum, &amount) == 0);
	}
}

static void
test_0xsplits(void)
{
	cd_split	s;
	cd_error	err;
	cd_u256		amount;
	cd_u256		fee;
	cd_u256		dust;
	cd_u256		out[3];
	uint64_t	v[5];

	CHECK(parse(A1 "=333334ppm, " A2 "=333333ppm, " A3 "=333333ppm, distributor_fee=1%", &s, buf, &err));
	cd_u256_from_u64(&amount, 1000);
	CHECK(cd_split_distribute_0xsplits(&s, &amount, &fee, out, &dust, &err));
	cd_u256_to_u64(&fee, &v[0]);
	cd_u256_to_u64(&out[0], &v[1]);
	cd_u256_to_u64(&out[1], &v[2]);
	cd_u256_to_u64(&out[2], &v[3]);
	cd_u256_to_u64(&dust, &v[4]);
	/* fee 10; 990 * 333334 / 1e6 = 330.0006 -> 330; 990 * 333333 / 1e6 = 329.99967 -> 329 */
	CHECK(v[0] == 10 && v[1] == 330 && v[2] == 329 && v[3] == 329 && v[4] == 2);

	/* the largest amount whose products still fit: (2^256 - 1) / 1e6 */
	CHECK(parse(A1 "=100%", &s, buf, &err));
	{
		cd_u256		max;
		cd_u256		scale;

		cd_u256_max(&max);
		cd_u256_from_u64(&scale, CD_SPLIT_SCALE);
		cd_u256_divmod(&max, &scale, &amount, NULL);
		CHECK(cd_split_distribute_0xsplits(&s, &amount, &fee, out, &dust, &err));
		CHECK(cd_u256_cmp(&out[0], &amount) == 0 && cd_u256_is_zero(&dust));
		/* one more and 1e6 * amount wraps on chain: an error here */
		mpn_add_1(amount.limb, amount.limb, CD_U256_LIMBS, 1);
		CHECK_FAILS(cd_split_distribute_0xsplits(&s, &amount, &fee, out, &dust, &err), err, CD_ERR_RANGE, "too large for SplitMain");
	}
}

static void
test_hash_packing(void)
{
	/*
	 * abi.encodePacked(address[2], uint32[2], uint32): the addresses and
	 * allocations padded to 32 bytes each, the fee in 4 bytes; written
	 * out by hand here, independently of cd_split_hash.
	 */
	static const char packed_hex[] =
		"0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
		"000000000000000000000000fb6916095ca1df60bb79ce92ce3ea74c37c5d359"
		"00000000000000000000000000000000000000000000000000000000000927c0"
		"0000000000000000000000000000000000000000000000000000000000061a80"
		"00002710";
	uint8_t		packed[sizeof(packed_hex) / 2];
	uint8_t		expected[32];
	uint8_t		got[32];
	cd_split	s;
	cd_error	err;

	CHECK(cd_hex_decode(packed_hex, sizeof(packed), packed));
	cd_keccak256(packed, sizeof(packed), expected);
	CHECK(parse(A2 "=40%, " A1 "=60%, distributor_fee=1%", &s, buf, &err));
	cd_split_hash(&s, got);
	CHECK(memcmp(got, expected, 32) == 0);
	/* a different fee or order changes the hash */
	s.fee = 0;
	cd_split_hash(&s, got);
	CHECK(memcmp(got, expected, 32) != 0);
}

static void
test_nest(void)
{
	cd_split	outer;
	cd_split	inner;
	cd_split	out;
	cd_error	err;

	/* the band (A2) has 30%, split in thirds among A3, A4 and A1 */
	CHECK(parse(A1 "=70%, " A2 "=30%, distributor_fee=1%", &outer, buf, &err));
	CHECK(parse(A3 "=333334ppm, " A4 "=333333ppm, " A1 "=333333ppm, distributor_fee=2%", &inner, buf2, &err));
	out.r = nestbuf;
	CHECK(cd_split_nest(&outer, outer.r[1].addr, &inner, &out, &err));
	/* 300000 ppm in thirds: 100000 each exactly; A1 merges to 800000 */
	CHECK_STR_EQ(fmt(&out), A1 "=80%, " A4 "=10%, " A3 "=10%, distributor_fee=1%");
	/* an address that is not in the outer split */
	CHECK(!cd_split_nest(&outer, inner.r[1].addr, &inner, &out, &err));
	CHECK(err.code == CD_ERR_PARAM && strstr(err.message, "not a recipient") != NULL);
	/* 1 ppm among three: all of it to the largest share */
	CHECK(parse(A1 "=999999ppm, " A2 "=1ppm", &outer, buf, &err));
	CHECK(cd_split_nest(&outer, outer.r[1].addr, &inner, &out, &err));
	CHECK_STR_EQ(fmt(&out), A1 "=99.9999%, " A3 "=0.0001%");
}

static void
test_find_and_cmp(void)
{
	cd_split	a;
	cd_split	b;
	cd_error	err;

	CHECK(parse(A1 "=50%, " A2 "=50%", &a, buf, &err));
	CHECK(parse(A2 "=50%, " A1 "=50%", &b, buf2, &err));
	CHECK(cd_split_cmp(&a, &b) == 0);
	CHECK(cd_split_find(&a, b.r[1].addr) == 1);
	b.fee = 1;
	CHECK(cd_split_cmp(&a, &b) < 0);
	CHECK(parse(A1 "=100%", &b, buf2, &err));
	CHECK(cd_split_cmp(&a, &b) != 0);
	CHECK(cd_split_find(&b, a.r[1].addr) == -1);
}

int
main(void)
{
	RUN(test_parse_and_canonical_text);
	RUN(test_percent_format);
	RUN(test_every_error);
	RUN(test_too_many_recipients);
	RUN(test_distribute_examples);
	RUN(test_distribute_properties);
	RUN(test_0xsplits);
	RUN(test_hash_packing);
	RUN(test_nest);
	RUN(test_find_and_cmp);
	return unit_summary("test_royalty_split");
}
