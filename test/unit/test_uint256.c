/*
 * test_uint256.c - uint256 parsing, formatting, checked arithmetic and big-endian bytes
 */
#include "unit.h"
#include "core/uint256.h"

#define U256_MAX_TEXT "115792089237316195423570985008687907853269984665640564039457584007913129639935"

static cd_u256
parse(const char *s)
{
	cd_u256		v;
	cd_error	err;

	if (!cd_u256_parse_decimal(s, strlen(s), &v, "value", &err))
		fprintf(stderr, "unexpected parse failure of %s: %s\n", s, err.message);
	return v;
}

static void
check_format(const cd_u256 *v, const char *expected)
{
	char		out[CD_U256_DECIMAL_LEN];

	cd_u256_format_decimal(v, out);
	CHECK_STR_EQ(out, expected);
}

static void
test_parse_format_round_trip(void)
{
	cd_u256		v = parse("0");

	check_format(&v, "0");
	v = parse("000123");
	check_format(&v, "123");
	v = parse("18446744073709551616");	/* 2^64 */
	check_format(&v, "18446744073709551616");
	CHECK(v.limb[0] == 0 && v.limb[1] == 1);
	v = parse(U256_MAX_TEXT);
	check_format(&v, U256_MAX_TEXT);
}

static void
test_parse_errors(void)
{
	cd_u256		v;
	cd_error	err;

	CHECK(!cd_u256_parse_decimal("", 0, &v, "amount", &err));
	CHECK(err.code == CD_ERR_SYNTAX);
	CHECK(!cd_u256_parse_decimal("12a", 3, &v, "amount", &err));
	CHECK(err.code == CD_ERR_SYNTAX);
	CHECK(!cd_u256_parse_decimal("-1", 2, &v, "amount", &err));
	CHECK(err.code == CD_ERR_SYNTAX);
	/* 2^256 */
	CHECK(!cd_u256_parse_decimal("115792089237316195423570985008687907853269984665640564039457584007913129639936", 78, &v, "amount", &err));
	CHECK(err.code == CD_ERR_RANGE);
	CHECK_STR_EQ(err.message, "amount is out of range for uint256");
	/* 79 digits, even with leading zeros removed is too many */
	CHECK(!cd_u256_parse_decimal("1000000000000000000000000000000000000000000000000000000000000000000000000000000", 79, &v, "amount", &err));
	CHECK(err.code == CD_ERR_RANGE);
	/* leading zeros do not count toward the limit */
	CHECK(cd_u256_parse_decimal("0000" U256_MAX_TEXT, 82, &v, "amount", &err));
}

static void
test_checked_arithmetic(void)
{
	cd_u256		max = parse(U256_MAX_TEXT);
	cd_u256		one = parse("1");
	cd_u256		two = parse("2");
	cd_u256		out;
	cd_u256		rem;

	CHECK(!cd_u256_add(&max, &one, &out));
	CHECK(cd_u256_sub(&max, &one, &out));
	check_format(&out, "115792089237316195423570985008687907853269984665640564039457584007913129639934");
	CHECK(!cd_u256_sub(&one, &two, &out));
	CHECK(!cd_u256_mul(&max, &two, &out));
	out = parse("340282366920938463463374607431768211455");	/* 2^128 - 1 */
	CHECK(cd_u256_mul(&out, &out, &out));
	check_format(&out, "115792089237316195423570985008687907852589419931798687112530834793049593217025");
	CHECK(cd_u256_divmod(&max, &two, &out, &rem));
	check_format(&out, "57896044618658097711785492504343953926634992332820282019728792003956564819967");
	check_format(&rem, "1");
	CHECK(!cd_u256_divmod(&max, &(cd_u256) {0}, &out, &rem));
}

static void
test_muldiv_wide_intermediate(void)
{
	cd_u256		max = parse(U256_MAX_TEXT);
	cd_u256		share = parse("333333");
	cd_u256		scale = parse("1000000");
	cd_u256		q;
	cd_u256		r;

	/* (2^256-1) * 333333 / 1e6 needs 276 bits before the division (values from Python integers) */
	CHECK(cd_u256_muldiv(&max, &share, &scale, &q, &r));
	check_format(&q, "38597324481742319369125187145900966388454043798551966132964514850109707242268");
	check_format(&r, "453355");
	/* quotient overflow is refused */
	CHECK(!cd_u256_muldiv(&max, &scale, &share, &q, &r));
	CHECK(!cd_u256_muldiv(&max, &share, &(cd_u256) {0}, &q, &r));
}

/* cd_u256_to_be32(v) must be expected_hex, and cd_u256_from_be32 must give v back. */
static void
check_be32(const char *decimal, const char *expected_hex)
{
	cd_u256		v = parse(decimal);
	cd_u256		back;
	uint8_t		be[32];

	cd_u256_to_be32(&v, be);
	CHECK_HEX_EQ(be, 32, expected_hex);
	memset(&back, 0xa5, sizeof(back));
	cd_u256_from_be32(be, &back);
	CHECK(cd_u256_cmp(&back, &v) == 0);
	check_format(&back, decimal);
}

static void
test_big_endian_bytes(void)
{
	uint8_t		be[32];
	cd_u256		v;
	int			i;

	check_be32("0", "0000000000000000000000000000000000000000000000000000000000000000");
	check_be32("1", "0000000000000000000000000000000000000000000000000000000000000001");
	/* 2^64: the lowest byte of the second limb */
	check_be32("18446744073709551616", "0000000000000000000000000000000000000000000000010000000000000000");
	/* 0x0102...20: each byte in its place, limbs in order (values from Python integers) */
	check_be32("455867356320691211509944977504407603390036387149619137164185182714736811808",
			   "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
	/* 0xff followed by zeros: the top byte is byte 0 */
	check_be32("115339776388732929035197660848497720713218148788040405586178452820382218977280",
			   "ff00000000000000000000000000000000000000000000000000000000000000");
	check_be32(U256_MAX_TEXT, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
	/* from_be32 overwrites every limb */
	for (i = 0; i < 32; i++)
		be[i] = (uint8_t) (i + 1);
	memset(&v, 0xff, sizeof(v));
	cd_u256_from_be32(be, &v);
	check_format(&v, "455867356320691211509944977504407603390036387149619137164185182714736811808");
}

int
main(void)
{
	RUN(test_parse_format_round_trip);
	RUN(test_parse_errors);
	RUN(test_checked_arithmetic);
	RUN(test_muldiv_wide_intermediate);
	RUN(test_big_endian_bytes);
	return unit_summary("test_uint256");
}
