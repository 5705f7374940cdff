/*
 * small_decimal.c - short decimal numerals without leading zeros
 */
#include "small_decimal.h"

/* see small_decimal.h */
int
cd_small_decimal(const char *s, size_t n)
{
	int			v = 0;
	size_t		i;

	if (n == 0 || n > 3 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}
