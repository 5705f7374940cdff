/*
 * royalty_split.c - royalty splits: validation, text form, exact
 * distribution, SplitMain v1 arithmetic and hash
 *
 * The rules follow 0xSplits' SplitMain v1 (validSplit): accounts sorted
 * ascending and unique, every allocation positive, allocations summing to
 * PERCENTAGE_SCALE = 1e6, distributor fee at most 1e5.  Unlike SplitMain a
 * split of one recipient is allowed here (it is a valid way to say "all to
 * this address"); SplitMain's createSplit wants at least two.
 */
#include <stdio.h>
#include <string.h>

#include "heap.h"
#include "royalty_split.h"

/* ------------------------------------------------------------------------ */
/* Sorting without allocation (heapsort: n <= 1000, bounded and in place)    */
/* ------------------------------------------------------------------------ */

/* Recipients by address (the numeric order of the bytes). */
static int
recipient_address_cmp(const void *a, const void *b)
{
	return memcmp(((const cd_split_recipient *) a)->addr, ((const cd_split_recipient *) b)->addr,
				  CD_ETH_ADDRESS_LEN);
}

/* Sort recipients by address ascending. */
static void
sort_recipients(cd_split_recipient *r, size_t n)
{
	unsigned char *base = (unsigned char *) r;
	const size_t size = sizeof(cd_split_recipient);

	cd_heap_make(base, size, n, recipient_address_cmp);
	for (size_t i = n; i-- > 1;)
	{
		cd_heap_swap(base, base + i * size, size);
		cd_heap_sift_down(base, size, 0, i, recipient_address_cmp);
	}
}

/* uint64_t keys by value (apportion's heap). */
static int
key_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a;
	uint64_t	y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

/* ------------------------------------------------------------------------ */
/* Validation                                                               */
/* ------------------------------------------------------------------------ */

/* ppm as a percentage with the fewest decimals (exact: 1 ppm = 0.0001%). */
size_t
cd_split_format_percent(uint32_t ppm, char out[16])
{
	int			len;

	if (ppm % 10000 == 0)
		len = snprintf(out, 16, "%u%%", ppm / 10000);
	else
	{
		char		frac[8];
		int			flen;

		flen = snprintf(frac, sizeof(frac), "%04u", ppm % 10000);
		while (flen > 0 && frac[flen - 1] == '0')
			frac[--flen] = '\0';
		len = snprintf(out, 16, "%u.%s%%", ppm / 10000, frac);
	}
	return (size_t) len;
}

/*
 * Check the rules in a fixed order (count, fee, zero shares, then sort,
 * duplicates, sum) so that each failure gets its own message.
 */
bool
cd_split_normalize(cd_split *s, cd_error *err)
{
	char		addr[CD_ETH_ADDRESS_TEXT_LEN];
	char		pct[16];
	uint64_t	sum = 0;
	uint32_t	i;

	if (s->count == 0)
	{
		cd_fail(err, CD_ERR_PARAM, "royalty_split has no recipients");
		cd_error_detail(err, "A split needs at least one recipient with a positive share.");
		return false;
	}
	if (s->count > CD_SPLIT_MAX_RECIPIENTS)
	{
		cd_fail(err, CD_ERR_LIMIT, "royalty_split has too many recipients: %u", s->count);
		cd_error_detail(err, "A split has at most %d recipients.", CD_SPLIT_MAX_RECIPIENTS);
		cd_error_hint(err, "Group small recipients into a nested split of their own.");
		return false;
	}
	if (s->fee > CD_SPLIT_MAX_FEE)
	{
		cd_split_format_percent(s->fee, pct);
		cd_fail(err, CD_ERR_RANGE, "distributor fee out of range in royalty_split: %s", pct);
		cd_error_detail(err, "The distributor fee is at most 10%% (100000 ppm), SplitMain v1's MAX_DISTRIBUTOR_FEE; this one is %u ppm.", s->fee);
		return false;
	}
	for (i = 0; i < s->count; i++)
	{
		if (s->r[i].share == 0)
		{
			cd_eth_address_format(s->r[i].addr, addr);
			cd_fail(err, CD_ERR_PARAM, "royalty_split recipient %s has a zero share", addr);
			cd_error_detail(err, "Every recipient needs a positive share, as SplitMain requires.");
			cd_error_hint(err, "Leave out recipients that get nothing.");
			return false;
		}
		sum += s->r[i].share;
	}
	sort_recipients(s->r, s->count);
	for (i = 1; i < s->count; i++)
	{
		if (memcmp(s->r[i - 1].addr, s->r[i].addr, CD_ETH_ADDRESS_LEN) == 0)
		{
			cd_eth_address_format(s->r[i].addr, addr);
			cd_fail(err, CD_ERR_PARAM, "duplicate recipient in royalty_split: %s", addr);
			cd_error_detail(err, "Each address may appear once.");
			cd_error_hint(err, "Add the shares of the same address together.");
			return false;
		}
	}
	if (sum != CD_SPLIT_SCALE)
	{
		char		total[16];

		/* at most 500 shares of at most 1e6 each: the sum fits in 32 bits */
		cd_split_format_percent((uint32_t) sum, total);
		cd_fail(err, CD_ERR_PARAM, "royalty_split shares sum to %s, not 100%%", total);
		cd_error_detail(err, "The shares add up to %llu ppm; they must add up to exactly 1000000 ppm.",
						(unsigned long long) sum);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------------ */
/* Text input                                                               */
/* ------------------------------------------------------------------------ */

typedef struct parse_state
{
	const char *text;
	size_t		len;
	size_t		pos;
	cd_error   *err;
} parse_state;

/* The white space allowed around tokens (as isspace in the C locale). */
static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Advance past white space. */
static void
skip_space(parse_state *ps)
{
	while (ps->pos < ps->len && is_space(ps->text[ps->pos]))
		ps->pos++;
}

/* The standard syntax error, quoting the whole input, with a detail. */
static bool
syntax_error(parse_state *ps, const char *detail_fmt, const char *token, size_t token_len)
{
	char		quoted[160];
	char		tok[160];

	cd_fail(ps->err, CD_ERR_SYNTAX, "invalid input syntax for type royalty_split: \"%s\"",
			cd_quote_input(ps->text, ps->len, quoted, sizeof(quoted)));
	cd_error_detail(ps->err, detail_fmt, cd_quote_input(token, token_len, tok, sizeof(tok)));
	return false;
}

/*
 * A share token: digits with up to 4 decimals followed by '%', or digits
 * followed by "ppm"; spaces may precede the unit.  At most 100%.
 */
static bool
parse_share(parse_state *ps, bool is_fee, uint32_t *ppm)
{
	size_t		start = ps->pos;
	uint64_t	whole = 0;
	uint32_t	frac = 0;
	int			frac_digits = 0;
	bool		has_point = false;
	bool		big = false;
	size_t		digits = 0;
	uint64_t	value;
	char		tok[160];

	while (ps->pos < ps->len && ps->text[ps->pos] >= '0' && ps->text[ps->pos] <= '9')
	{
		whole = whole * 10 + (uint64_t) (ps->text[ps->pos] - '0');
		if (whole > 100000000)
		{
			big = true;
			whole = 100000000;
		}
		ps->pos++;
		digits++;
	}
	if (digits == 0)
		return syntax_error(ps, "Expected a share such as 50%% or 500000ppm at \"%s\".",
							ps->text + start, ps->len - start);
	if (ps->pos < ps->len && ps->text[ps->pos] == '.')
	{
		has_point = true;
		ps->pos++;
		while (ps->pos < ps->len && ps->text[ps->pos] >= '0' && ps->text[ps->pos] <= '9')
		{
			if (frac_digits < 4)
				frac = frac * 10 + (uint32_t) (ps->text[ps->pos] - '0');
			frac_digits++;
			ps->pos++;
		}
		if (frac_digits == 0)
			return syntax_error(ps, "A decimal point must be followed by digits in \"%s\".",
								ps->text + start, ps->pos - start);
		if (frac_digits > 4)
			return syntax_error(ps, "The share \"%s\" has more than 4 decimals; shares are whole parts per million (0.0001%%).",
								ps->text + start, ps->pos - start);
	}
	{
		size_t		number_end = ps->pos;

		skip_space(ps);
		if (ps->pos < ps->len && ps->text[ps->pos] == '%')
		{
			ps->pos++;
			while (frac_digits < 4)
			{
				frac *= 10;
				frac_digits++;
			}
			value = big ? UINT64_MAX : whole * 10000 + frac;
		}
		else if (ps->len - ps->pos >= 3 && memcmp(ps->text + ps->pos, "ppm", 3) == 0)
		{
			ps->pos += 3;
			if (has_point)
				return syntax_error(ps, "A share in ppm is a whole number; \"%s\" has decimals.",
									ps->text + start, ps->pos - start);
			value = big ? UINT64_MAX : whole;
		}
		else
			return syntax_error(ps, "The share \"%s\" needs a unit: \"%%\" or \"ppm\".",
								ps->text + start, number_end - start);
	}
	if (value > (is_fee ? CD_SPLIT_MAX_FEE : CD_SPLIT_SCALE))
	{
		cd_fail(ps->err, CD_ERR_RANGE, "%s out of range in royalty_split: \"%s\"",
				is_fee ? "distributor fee" : "share",
				cd_quote_input(ps->text + start, ps->pos - start, tok, sizeof(tok)));
		if (is_fee)
			cd_error_detail(ps->err, "The distributor fee is at most 10%% (100000 ppm), SplitMain v1's MAX_DISTRIBUTOR_FEE.");
		else
			cd_error_detail(ps->err, "A share is at most 100%% (1000000 ppm).");
		return false;
	}
	*ppm = (uint32_t) value;
	return true;
}

/*
 * One pass over "address=share, ..., distributor_fee=share"; past the
 * recipient limit it keeps checking the syntax and counting, so the limit
 * error can report the real count.
 */
bool
cd_split_parse(const char *text, size_t len, cd_split *s, cd_error *err)
{
	parse_state ps = {text, len, 0, err};
	uint32_t	total = 0;
	bool		fee_seen = false;

	s->count = 0;
	s->fee = 0;
	skip_space(&ps);
	if (ps.pos == len)
		return cd_split_normalize(s, err);
	for (;;)
	{
		size_t		key_start;
		size_t		key_len;
		uint32_t	share = 0;
		bool		is_fee;

		skip_space(&ps);
		key_start = ps.pos;
		while (ps.pos < len && text[ps.pos] != '=' && text[ps.pos] != ',' && !is_space(text[ps.pos]))
			ps.pos++;
		key_len = ps.pos - key_start;
		if (key_len == 0 && key_start == len)
			return syntax_error(&ps, "The input ends with \",\"%s; another address=share pair was expected.", "", 0);
		if (key_len == 0)
			return syntax_error(&ps, "Expected an address at \"%s\".", text + key_start, len - key_start);
		if (fee_seen)
			return syntax_error(&ps, "distributor_fee must come last; found \"%s\" after it.",
								text + key_start, key_len);
		is_fee = key_len == 15 && memcmp(text + key_start, "distributor_fee", 15) == 0;
		skip_space(&ps);
		if (ps.pos >= len || text[ps.pos] != '=')
			return syntax_error(&ps, "Expected \"=\" after \"%s\".", text + key_start, key_len);
		ps.pos++;
		skip_space(&ps);
		if (!parse_share(&ps, is_fee, &share))
			return false;
		if (is_fee)
		{
			fee_seen = true;
			s->fee = share;
		}
		else
		{
			cd_split_recipient *slot;
			cd_split_recipient spare;

			/* past the limit, keep checking the syntax and counting */
			slot = total < CD_SPLIT_MAX_RECIPIENTS ? &s->r[total] : &spare;
			if (!cd_eth_address_parse(text + key_start, key_len, slot->addr, err))
				return false;
			slot->share = share;
			total++;
		}
		skip_space(&ps);
		if (ps.pos == len)
			break;
		if (text[ps.pos] != ',')
			return syntax_error(&ps, "Expected \",\" between recipients at \"%s\".",
								text + ps.pos, len - ps.pos);
		ps.pos++;
	}
	s->count = total;
	return cd_split_normalize(s, err);
}

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

/* Canonical text; the recipients are already sorted. */
size_t
cd_split_format(const cd_split *s, char *out)
{
	char	   *p = out;
	uint32_t	i;

	for (i = 0; i < s->count; i++)
	{
		if (i > 0)
		{
			memcpy(p, ", ", 2);
			p += 2;
		}
		cd_eth_address_format(s->r[i].addr, p);
		p += CD_ETH_ADDRESS_TEXT_LEN - 1;
		*p++ = '=';
		p += cd_split_format_percent(s->r[i].share, p);
	}
	if (s->fee != 0)
	{
		memcpy(p, ", distributor_fee=", 18);
		p += 18;
		p += cd_split_format_percent(s->fee, p);
	}
	*p = '\0';
	return (size_t) (p - out);
}

/* The jsonb form as JSON text, for jsonb_in. */
size_t
cd_split_format_json(const cd_split *s, char *out)
{
	char	   *p = out;
	uint32_t	i;

	p += sprintf(p, "{\"recipients\": [");
	for (i = 0; i < s->count; i++)
	{
		char		addr[CD_ETH_ADDRESS_TEXT_LEN];

		cd_eth_address_format(s->r[i].addr, addr);
		p += sprintf(p, "%s{\"address\": \"%s\", \"share\": %u}", i > 0 ? ", " : "", addr, s->r[i].share);
	}
	p += sprintf(p, "], \"distributor_fee\": %u}", s->fee);
	return (size_t) (p - out);
}

/* ------------------------------------------------------------------------ */
/* Lookup and order                                                         */
/* ------------------------------------------------------------------------ */

/* Binary search: the recipients are sorted by address. */
int
cd_split_find(const cd_split *s, const uint8_t addr[CD_ETH_ADDRESS_LEN])
{
	size_t		lo = 0;
	size_t		hi = s->count;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			c = memcmp(s->r[mid].addr, addr, CD_ETH_ADDRESS_LEN);

		if (c == 0)
			return (int) mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* A total order for btree; it has no business meaning. */
int
cd_split_cmp(const cd_split *a, const cd_split *b)
{
	uint32_t	n = a->count < b->count ? a->count : b->count;
	uint32_t	i;

	for (i = 0; i < n; i++)
	{
		int			c = memcmp(a->r[i].addr, b->r[i].addr, CD_ETH_ADDRESS_LEN);

		if (c != 0)
			return c < 0 ? -1 : 1;
		if (a->r[i].share != b->r[i].share)
			return a->r[i].share < b->r[i].share ? -1 : 1;
	}
	if (a->count != b->count)
		return a->count < b->count ? -1 : 1;
	if (a->fee != b->fee)
		return a->fee < b->fee ? -1 : 1;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Arithmetic                                                               */
/* ------------------------------------------------------------------------ */

/*
 * q = floor(a * m / 1e6); returns the remainder.  *overflow tells whether
 * a * m itself exceeded 2^256 - 1 (the quotient never does for m <= 1e6).
 * One limb multiply and one single-limb division: much cheaper than a
 * general 512-bit muldiv.
 */
static uint32_t
scale_ppm(const cd_u256 *a, uint32_t m, cd_u256 *q, bool *overflow)
{
	mp_limb_t	prod[CD_U256_LIMBS + 1];
	mp_limb_t	quot[CD_U256_LIMBS + 1];
	mp_limb_t	rem;

	prod[CD_U256_LIMBS] = mpn_mul_1(prod, a->limb, CD_U256_LIMBS, (mp_limb_t) m);
	if (overflow)
		*overflow = prod[CD_U256_LIMBS] != 0;
	rem = mpn_divrem_1(quot, 0, prod, CD_U256_LIMBS + 1, (mp_limb_t) CD_SPLIT_SCALE);
	memcpy(q->limb, quot, sizeof(q->limb));
	return (uint32_t) rem;
}

/* Add 1 to v (the caller knows it cannot overflow). */
static void
increment(cd_u256 *v)
{
	mpn_add_1(v->limb, v->limb, CD_U256_LIMBS, 1);
}

/*
 * Largest remainder: floor(total * share / 1e6) each, then one unit each
 * to the `leftover` recipients with the largest remainders, ties by larger
 * share, then lower address.  The key packs (remainder, share, reversed
 * index) so that one integer comparison applies the whole rule; the
 * remainders add up to leftover * 1e6 exactly because the shares add up
 * to 1e6.
 */
static void
apportion(const cd_split *s, const cd_u256 *total, cd_u256 *amounts)
{
	uint64_t	keys[CD_SPLIT_MAX_RECIPIENTS];
	uint64_t	remainder_sum = 0;
	uint64_t	leftover;
	uint32_t	i;
	size_t		heap;

	for (i = 0; i < s->count; i++)
	{
		uint32_t	r = scale_ppm(total, s->r[i].share, &amounts[i], NULL);

		remainder_sum += r;
		/* remainder < 2^20, share <= 1e6 < 2^20, index < 2^9 */
		keys[i] = ((uint64_t) r << 29) | ((uint64_t) s->r[i].share << 9) | (uint64_t) (511 - i);
	}
	leftover = remainder_sum / CD_SPLIT_SCALE;
	if (leftover == 0)
		return;
	/* heap-select the leftover largest keys */
	heap = s->count;
	cd_heap_make((unsigned char *) keys, sizeof(keys[0]), heap, key_cmp);
	while (leftover-- > 0)
	{
		uint32_t	idx = 511 - (uint32_t) (keys[0] & 511);

		increment(&amounts[idx]);
		keys[0] = keys[--heap];
		cd_heap_sift_down((unsigned char *) keys, sizeof(keys[0]), 0, heap, key_cmp);
	}
}

/* Fee first (SplitMain's floor), then the net by largest remainder. */
void
cd_split_distribute(const cd_split *s, const cd_u256 *amount, cd_u256 *fee_amount, cd_u256 *amounts)
{
	cd_u256		net = *amount;

	cd_u256_zero(fee_amount);
	if (s->fee != 0)
	{
		scale_ppm(amount, s->fee, fee_amount, NULL);
		cd_u256_sub(amount, fee_amount, &net);
	}
	apportion(s, &net, amounts);
}

/* The wrap error of SplitMain's unchecked multiplication. */
static bool
wrap_error(const cd_u256 *a, uint32_t m, cd_error *err)
{
	char		dec[CD_U256_DECIMAL_LEN];

	cd_u256_format_decimal(a, dec);
	cd_fail(err, CD_ERR_RANGE, "amount is too large for SplitMain arithmetic");
	cd_error_detail(err, "SplitMain v1 computes amount * allocation / 1e6 with an unchecked 256-bit multiplication; %s * %u exceeds 2^256 - 1, so the contract's result would wrap.",
					dec, m);
	cd_error_hint(err, "split_distribute computes exact shares of any uint256 amount.");
	return false;
}

/*
 * SplitMain v1 arithmetic, refusing the amounts for which its unchecked
 * multiplication would wrap.
 */
bool
cd_split_distribute_0xsplits(const cd_split *s, const cd_u256 *amount, cd_u256 *fee_amount,
							 cd_u256 *amounts, cd_u256 *dust, cd_error *err)
{
	cd_u256		net = *amount;
	cd_u256		paid;
	bool		overflow;
	uint32_t	i;

	cd_u256_zero(fee_amount);
	if (s->fee != 0)
	{
		scale_ppm(amount, s->fee, fee_amount, &overflow);
		if (overflow)
			return wrap_error(amount, s->fee, err);
		cd_u256_sub(amount, fee_amount, &net);
	}
	cd_u256_zero(&paid);
	for (i = 0; i < s->count; i++)
	{
		scale_ppm(&net, s->r[i].share, &amounts[i], &overflow);
		if (overflow)
			return wrap_error(&net, s->r[i].share, err);
		/* the floors add up to at most net: no overflow */
		cd_u256_add(&paid, &amounts[i], &paid);
	}
	cd_u256_sub(&net, &paid, dust);
	return true;
}

/* _hashSplit: keccak256 streamed over the abi.encodePacked layout. */
void
cd_split_hash(const cd_split *s, uint8_t out[CD_KECCAK256_DIGEST_SIZE])
{
	cd_keccak256_ctx ctx;
	uint8_t		word[32];
	uint8_t		fee[4];
	uint32_t	i;

	cd_keccak256_init(&ctx);
	/* address[]: each element left-padded to 32 bytes */
	memset(word, 0, sizeof(word));
	for (i = 0; i < s->count; i++)
	{
		memcpy(word + 12, s->r[i].addr, CD_ETH_ADDRESS_LEN);
		cd_keccak256_update(&ctx, word, sizeof(word));
	}
	/* uint32[]: each element a 32-byte big-endian word */
	memset(word, 0, sizeof(word));
	for (i = 0; i < s->count; i++)
	{
		uint32_t	v = s->r[i].share;

		word[28] = (uint8_t) (v >> 24);
		word[29] = (uint8_t) (v >> 16);
		word[30] = (uint8_t) (v >> 8);
		word[31] = (uint8_t) v;
		cd_keccak256_update(&ctx, word, sizeof(word));
	}
	/* the trailing uint32 is packed in its own 4 bytes */
	fee[0] = (uint8_t) (s->fee >> 24);
	fee[1] = (uint8_t) (s->fee >> 16);
	fee[2] = (uint8_t) (s->fee >> 8);
	fee[3] = (uint8_t) s->fee;
	cd_keccak256_update(&ctx, fee, sizeof(fee));
	cd_keccak256_final(&ctx, out);
}

/* Sort, then fold runs of equal addresses into one entry. */
void
cd_split_merge_duplicates(cd_split *s)
{
	uint32_t	i;
	uint32_t	n = 0;

	sort_recipients(s->r, s->count);
	for (i = 0; i < s->count; i++)
	{
		if (n > 0 && memcmp(s->r[n - 1].addr, s->r[i].addr, CD_ETH_ADDRESS_LEN) == 0)
			s->r[n - 1].share += s->r[i].share;
		else
			s->r[n++] = s->r[i];
	}
	s->count = n;
}

/*
 * Apportion the outer share over the inner split with the distribution
 * rule itself, then merge and validate like any new split.
 */
bool
cd_split_nest(const cd_split *outer, const uint8_t addr[CD_ETH_ADDRESS_LEN],
			  const cd_split *inner, cd_split *out, cd_error *err)
{
	cd_u256		parts[CD_SPLIT_MAX_RECIPIENTS];
	cd_u256		total;
	int			idx = cd_split_find(outer, addr);
	uint32_t	i;

	if (idx < 0)
	{
		char		text[CD_ETH_ADDRESS_TEXT_LEN];

		cd_eth_address_format(addr, text);
		cd_fail(err, CD_ERR_PARAM, "%s is not a recipient of the outer royalty_split", text);
		cd_error_detail(err, "split_nest replaces one recipient of the outer split by the inner split.");
		return false;
	}
	cd_u256_from_u64(&total, outer->r[idx].share);
	apportion(inner, &total, parts);
	out->fee = outer->fee;
	out->count = 0;
	for (i = 0; i < outer->count; i++)
		if ((int) i != idx)
			out->r[out->count++] = outer->r[i];
	for (i = 0; i < inner->count; i++)
	{
		uint64_t	part;

		/* each part is at most the outer share, so it fits */
		cd_u256_to_u64(&parts[i], &part);
		if (part == 0)
			continue;
		memcpy(out->r[out->count].addr, inner->r[i].addr, CD_ETH_ADDRESS_LEN);
		out->r[out->count].share = (uint32_t) part;
		out->count++;
	}
	cd_split_merge_duplicates(out);
	return cd_split_normalize(out, err);
}
