/*
 * unit.h - a minimal unit test harness for the pure C core
 *
 * Each test/unit/test_*.c is a program: it calls CHECK* macros from its
 * test functions, lists them in main() with RUN(), and returns
 * unit_summary(), which prints "N passed, N failed" for the file.
 * scripts/run-unit.sh adds the files up into one summary line.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cd_error.h"
#include "core/hex.h"

static int	unit_passed = 0;
static int	unit_failed = 0;
static const char *unit_current = "";

#define CHECK(cond) \
	do { \
		if (cond) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "FAIL %s (%s:%d): %s\n", unit_current, __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR_EQ(actual, expected) \
	do { \
		const char *a_ = (actual); \
		const char *e_ = (expected); \
		if (strcmp(a_, e_) == 0) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "FAIL %s (%s:%d): got \"%s\", expected \"%s\"\n", \
					unit_current, __FILE__, __LINE__, a_, e_); \
		} \
	} while (0)

/* Compare bytes with an expected lower-case hex string. */
#define CHECK_HEX_EQ(bytes, len, expected_hex) \
	do { \
		char got_[2 * 256 + 1]; \
		cd_hex_encode((bytes), (len), got_); \
		CHECK_STR_EQ(got_, (expected_hex)); \
	} while (0)

/*
 * A call that must fail: it returns false, err gets code and a message
 * containing fragment.  On a mismatch, says what the error was.
 */
#define CHECK_FAILS(call, err, code, fragment) \
	unit_check_fails((call), &(err), (code), (fragment), #call, __FILE__, __LINE__)

static inline void
unit_check_fails(bool ok, const cd_error *err, cd_errcode code, const char *fragment,
				 const char *call, const char *file, int line)
{
	if (!ok && err->code == code && strstr(err->message, fragment) != NULL)
	{
		unit_passed++;
		return;
	}
	unit_failed++;
	fprintf(stderr, "FAIL %s (%s:%d): %s %s; expected error %d containing \"%s\", got %d: %s (%s)\n",
			unit_current, file, line, call, ok ? "succeeded" : "failed", (int) code, fragment,
			(int) err->code, err->message, err->detail);
}

/*
 * A call that must fail, as three checks: it returns false, err gets code,
 * and fragment is in err's detail (with in_message, in its message or its
 * detail).  On a mismatch, names the input and says what the error was.
 */
#define CHECK_FAILED_WITH(call, err, code, fragment, in_message, input) \
	unit_check_failed_with((call), &(err), (code), (fragment), (in_message), (input), __FILE__, __LINE__)

static inline void
unit_check_failed_with(bool ok, const cd_error *err, cd_errcode code, const char *fragment,
					   bool in_message, const char *input, const char *file, int line)
{
	if (!ok)
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s (%s:%d): \"%s\" succeeded\n", unit_current, file, line, input);
	}
	if (err->code == code)
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s (%s:%d): \"%s\" gave error %d, expected %d\n",
				unit_current, file, line, input, (int) err->code, (int) code);
	}
	if (strstr(err->detail, fragment) != NULL ||
		(in_message && strstr(err->message, fragment) != NULL))
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s (%s:%d): \"%s\" gave \"%s\" / \"%s\", expected \"%s\"\n",
				unit_current, file, line, input, err->message, err->detail, fragment);
	}
}

/*
 * xorshift64* (Vigna): the generator of the randomized tests, seeded by
 * each test, so that a failing run reproduces.
 */
static inline uint64_t
unit_random(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * UINT64_C(0x2545f4914f6cdd1d);
}

/* A test vector's hex decoded into out; its length.  Aborts on bad hex. */
static inline size_t
unit_hex_bytes(const char *hex, uint8_t *out)
{
	size_t		len = strlen(hex) / 2;

	if (!cd_hex_decode(hex, len, out))
		abort();
	return len;
}

#define RUN(fn) \
	do { \
		unit_current = #fn; \
		fn(); \
	} while (0)

static inline int
unit_summary(const char *file)
{
	printf("%s: %d passed, %d failed\n", file, unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}

#endif							/* UNIT_H */
