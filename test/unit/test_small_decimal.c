/*
 * test_small_decimal.c - the short decimal numerals of EIP-712 type sizes
 * and RFC 3986's dec-octet: 1 to 3 digits, no leading zero but "0" itself
 */
#include "unit.h"
#include "core/small_decimal.h"

/* one numeral and its value, -1 for a refusal */
typedef struct numeral_case
{
	const char *text;
	int			value;
} numeral_case;

static const numeral_case numeral_cases[] = {
	{"0", 0}, {"7", 7}, {"10", 10}, {"255", 255}, {"256", 256}, {"999", 999},
	{"", -1}, {"00", -1}, {"01", -1}, {"007", -1}, {"1000", -1}, {"1a", -1},
	{"-1", -1}, {"+1", -1}, {" 1", -1}, {"1 ", -1}, {"/", -1}, {":", -1},
};

static void
test_numerals(void)
{
	size_t		i;

	for (i = 0; i < sizeof(numeral_cases) / sizeof(numeral_cases[0]); i++)
	{
		const numeral_case *c = &numeral_cases[i];
		int			got = cd_small_decimal(c->text, strlen(c->text));

		if (got == c->value)
			unit_passed++;
		else
		{
			unit_failed++;
			fprintf(stderr, "FAIL %s: \"%s\" gave %d, expected %d\n", unit_current, c->text, got, c->value);
		}
	}
	/* the length bounds the numeral: "255" read as its first two digits */
	CHECK(cd_small_decimal("255", 2) == 25);
}

int
main(void)
{
	RUN(test_numerals);
	return unit_summary("test_small_decimal");
}
