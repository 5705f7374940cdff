/*
 * rfc3339.c - RFC 3339 date-times: parsing to and formatting from
 * microseconds since the Unix epoch
 *
 * Days are counted with Howard Hinnant's days_from_civil and
 * civil_from_days (proleptic Gregorian calendar, exact for any year).
 */
#include <stdio.h>

#include "rfc3339.h"

#define USECS_PER_SEC INT64_C(1000000)
#define SECS_PER_DAY INT64_C(86400)

static bool
is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

/* Days from 1970-01-01 to year-month-day. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era;
	int64_t		yoe;
	int64_t		doy;
	int64_t		doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t		era;
	int64_t		doe;
	int64_t		yoe;
	int64_t		doy;
	int64_t		mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* n decimal digits at text[*pos], into *value; *pos moves past them. */
static bool
digits(const char *text, size_t len, size_t *pos, int n, int *value)
{
	int			i;

	*value = 0;
	if (*pos + (size_t) n > len)
		return false;
	for (i = 0; i < n; i++)
	{
		char		c = text[*pos + i];

		if (c < '0' || c > '9')
			return false;
		*value = *value * 10 + (c - '0');
	}
	*pos += n;
	return true;
}

/* The separator sep at text[*pos] (either case for letters). */
static bool
separator(const char *text, size_t len, size_t *pos, char sep)
{
	char		c;

	if (*pos >= len)
		return false;
	c = text[*pos];
	if (c != sep && !(sep >= 'A' && sep <= 'Z' && c == sep - 'A' + 'a'))
		return false;
	(*pos)++;
	return true;
}

#define SHAPE_WHY "An RFC 3339 date-time is written YYYY-MM-DDTHH:MM:SS, an optional fraction of a second, then Z or an offset +HH:MM or -HH:MM."

bool
cd_rfc3339_parse(const char *text, size_t len, int64_t *micros, char why[CD_RFC3339_WHY_LEN])
{
	size_t		pos = 0;
	int			year,
				month,
				day,
				hour,
				minute,
				second;
	int64_t		fraction = 0;
	int			fraction_digits = 0;
	int64_t		offset_secs = 0;

	if (!digits(text, len, &pos, 4, &year) || !separator(text, len, &pos, '-') ||
		!digits(text, len, &pos, 2, &month) || !separator(text, len, &pos, '-') ||
		!digits(text, len, &pos, 2, &day) || !separator(text, len, &pos, 'T') ||
		!digits(text, len, &pos, 2, &hour) || !separator(text, len, &pos, ':') ||
		!digits(text, len, &pos, 2, &minute) || !separator(text, len, &pos, ':') ||
		!digits(text, len, &pos, 2, &second))
	{
		snprintf(why, CD_RFC3339_WHY_LEN, SHAPE_WHY);
		return false;
	}
	if (pos < len && text[pos] == '.')
	{
		pos++;
		while (pos < len && text[pos] >= '0' && text[pos] <= '9')
		{
			if (fraction_digits < 6)
				fraction = fraction * 10 + (text[pos] - '0');
			fraction_digits++;
			pos++;
		}
		if (fraction_digits == 0)
		{
			snprintf(why, CD_RFC3339_WHY_LEN, "A fraction of a second needs at least one digit after the '.'.");
			return false;
		}
		for (; fraction_digits < 6; fraction_digits++)
			fraction *= 10;
	}
	if (pos < len && (text[pos] == 'Z' || text[pos] == 'z'))
		pos++;
	else if (pos < len && (text[pos] == '+' || text[pos] == '-'))
	{
		int			sign = text[pos] == '-' ? -1 : 1;
		int			offset_hour,
					offset_minute;

		pos++;
		if (!digits(text, len, &pos, 2, &offset_hour) || !separator(text, len, &pos, ':') ||
			!digits(text, len, &pos, 2, &offset_minute))
		{
			snprintf(why, CD_RFC3339_WHY_LEN, SHAPE_WHY);
			return false;
		}
		if (offset_hour > 23 || offset_minute > 59)
		{
			snprintf(why, CD_RFC3339_WHY_LEN, "The offset %c%02d:%02d is out of range (hours 00 to 23, minutes 00 to 59).",
					 sign < 0 ? '-' : '+', offset_hour, offset_minute);
			return false;
		}
		offset_secs = sign * (offset_hour * INT64_C(3600) + offset_minute * INT64_C(60));
	}
	else
	{
		snprintf(why, CD_RFC3339_WHY_LEN, "The time must end with Z or an offset +HH:MM or -HH:MM.");
		return false;
	}
	if (pos != len)
	{
		snprintf(why, CD_RFC3339_WHY_LEN, "Text follows the time zone: a date-time ends with Z or its offset.");
		return false;
	}
	if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
	{
		snprintf(why, CD_RFC3339_WHY_LEN, "%04d-%02d-%02d is not a day of the calendar.", year, month, day);
		return false;
	}
	if (hour > 23 || minute > 59 || second > 60)
	{
		snprintf(why, CD_RFC3339_WHY_LEN, "%02d:%02d:%02d is not a time of day (hours 00 to 23, minutes 00 to 59, seconds 00 to 60).",
				 hour, minute, second);
		return false;
	}
	*micros = ((days_from_civil(year, month, day) * SECS_PER_DAY +
				hour * INT64_C(3600) + minute * INT64_C(60) + second - offset_secs) * USECS_PER_SEC) + fraction;
	return true;
}

bool
cd_rfc3339_format(int64_t micros, char out[CD_RFC3339_TEXT_LEN])
{
	int64_t		secs = micros >= 0 ? micros / USECS_PER_SEC : -((-micros + USECS_PER_SEC - 1) / USECS_PER_SEC);
	int64_t		usecs = micros - secs * USECS_PER_SEC;
	int64_t		days = secs >= 0 ? secs / SECS_PER_DAY : -((-secs + SECS_PER_DAY - 1) / SECS_PER_DAY);
	int64_t		in_day = secs - days * SECS_PER_DAY;
	int64_t		year;
	int			month,
				day;
	int			n;

	out[0] = '\0';
	civil_from_days(days, &year, &month, &day);
	if (year < 0 || year > 9999)
		return false;
	n = snprintf(out, CD_RFC3339_TEXT_LEN, "%04d-%02d-%02dT%02d:%02d:%02d",
				 (int) year, month, day, (int) (in_day / 3600), (int) (in_day / 60 % 60), (int) (in_day % 60));
	if (usecs != 0)
	{
		n += snprintf(out + n, CD_RFC3339_TEXT_LEN - n, ".%06d", (int) usecs);
		while (out[n - 1] == '0')
			n--;
	}
	snprintf(out + n, CD_RFC3339_TEXT_LEN - n, "Z");
	return true;
}
