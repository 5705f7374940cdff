/*
 * curve_test_helpers.h - helpers shared by the bonding curve unit tests
 *
 * Include after unit.h.
 */
#ifndef CURVE_TEST_HELPERS_H
#define CURVE_TEST_HELPERS_H

#include "core/bonding_curve.h"

/* text parsed as a curve; a parse failure is reported and gives a zeroed curve */
static inline cd_curve
curve(const char *text)
{
	cd_curve	c;
	cd_error	err;

	memset(&c, 0, sizeof(c));
	if (!cd_curve_parse(text, strlen(text), &c, &err))
		fprintf(stderr, "unexpected parse failure of %s: %s / %s\n", text, err.message, err.detail);
	return c;
}

#endif							/* CURVE_TEST_HELPERS_H */
