/*
 * apportion.c - largest remainder over integer weights of any size
 * (apportion.h)
 */
#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "heap.h"

/* A contributor's remainder with its index, the heap's element. */
typedef struct remainder_entry
{
	const __mpz_struct *remainder;
	size_t		index;
} remainder_entry;

/* Larger remainder first; of equal remainders, the lower index. */
static int
remainder_cmp(const void *a, const void *b)
{
	const remainder_entry *x = a;
	const remainder_entry *y = b;
	int			c = mpz_cmp(x->remainder, y->remainder);

	if (c != 0)
		return c;
	return (x->index < y->index) - (x->index > y->index);
}

/* A weight is decimal digits without a leading zero: a positive integer. */
static bool
valid_weight(const char *digits)
{
	if (digits[0] < '1' || digits[0] > '9')
		return false;
	for (const char *p = digits; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

static void
u256_to_mpz(mpz_t out, const cd_u256 *v)
{
	mpz_import(out, CD_U256_LIMBS, -1, sizeof(mp_limb_t), 0, 0, v->limb);
}

/* v gets z, which the caller knows is below 2^256 (a share of the amount). */
static void
mpz_to_u256(cd_u256 *v, const mpz_t z)
{
	size_t		count = 0;

	cd_u256_zero(v);
	mpz_export(v->limb, &count, -1, sizeof(mp_limb_t), 0, 0, z);
}

bool
cd_apportion(size_t n, const char *const weights[], const cd_u256 *amount, cd_u256 *shares, cd_error *err)
{
	mpz_t	   *w;
	remainder_entry *heap;
	mpz_t		total,
				a,
				t,
				q,
				leftover;
	size_t		i,
				size;

	if (n == 0)
		return cd_fail(err, CD_ERR_PARAM, "there must be at least one weight");
	for (i = 0; i < n; i++)
		if (!valid_weight(weights[i]))
			return cd_fail(err, CD_ERR_PARAM, "weight %zu is not a positive integer", i + 1);
	w = malloc(sizeof(mpz_t) * n);
	heap = malloc(sizeof(remainder_entry) * n);
	if (w == NULL || heap == NULL)
	{
		free(w);
		free(heap);
		return cd_fail(err, CD_ERR_NOMEM, "out of memory apportioning among %zu weights", n);
	}
	mpz_inits(total, a, t, q, leftover, NULL);
	for (i = 0; i < n; i++)
	{
		mpz_init_set_str(w[i], weights[i], 10);
		mpz_add(total, total, w[i]);
	}
	u256_to_mpz(a, amount);
	mpz_set(leftover, a);
	/* the floors, and each weight replaced by its remainder */
	for (i = 0; i < n; i++)
	{
		mpz_mul(t, a, w[i]);
		mpz_fdiv_qr(q, w[i], t, total);
		mpz_to_u256(&shares[i], q);
		mpz_sub(leftover, leftover, q);
		heap[i].remainder = w[i];
		heap[i].index = i;
	}
	/* fewer than n units left: one each to the largest remainders */
	size = n;
	if (mpz_sgn(leftover) > 0)
	{
		unsigned long left = mpz_get_ui(leftover);

		cd_heap_make((unsigned char *) heap, sizeof(heap[0]), size, remainder_cmp);
		while (left-- > 0)
		{
			cd_u256		one;

			cd_u256_from_u64(&one, 1);
			cd_u256_add(&shares[heap[0].index], &one, &shares[heap[0].index]);
			heap[0] = heap[--size];
			cd_heap_sift_down((unsigned char *) heap, sizeof(heap[0]), 0, size, remainder_cmp);
		}
	}
	for (i = 0; i < n; i++)
		mpz_clear(w[i]);
	mpz_clears(total, a, t, q, leftover, NULL);
	free(w);
	free(heap);
	return true;
}
