/*
 * lineage.c - royalties that flow up a graph of derivative works, exact
 *
 * See lineage.h for the rules.  The works node 0 reaches are put in a
 * topological order (Kahn's algorithm: a work after every child through
 * which it is reached), then each work that receives revenue pays its
 * claims in that order.  Absolute shares are found per revenue-receiving
 * work by counting absolute paths in the same order, so they are never
 * stored here: the caller may keep them for display, the payment needs
 * the links.  Cost: O(W * (N + E)) for W revenue-receiving works (the
 * payee and its relative ancestors), N works and E links.
 */
#include "lineage.h"

#include <stdlib.h>
#include <string.h>

/* a weight above 100%, where counting stops: the stack is refused anyway */
#define LINEAGE_SATURATED (CD_LINEAGE_SCALE + 1)

typedef struct lineage_claim
{
	uint32_t	node;
	bool		relative;
	uint32_t	weight;			/* basis points of the revenue */
	uint32_t	remainder;		/* (revenue * weight) mod 10000 */
	cd_u256		amount;
} lineage_claim;

typedef struct lineage_work
{
	size_t	   *child_start;	/* n + 1: links of child i are child_links[child_start[i] ..] */
	size_t	   *child_links;
	uint32_t   *order;			/* works reached from node 0, topologically */
	size_t	   *position;		/* index of a work in order */
	uint32_t   *pending;
	uint32_t   *paths;			/* absolute paths to the revenue's work, saturated */
	uint32_t   *absolute;		/* absolute weight in the revenue's work, saturated */
	cd_u256    *revenue;
	lineage_claim *claims;
	void	   *arena;			/* the one allocation the arrays above are carved from */
} lineage_work;

static void
lineage_free(lineage_work *w)
{
	free(w->arena);
}

/* the next array of count elements of size bytes in the arena at *at, aligned */
static void *
carve(char **at, size_t count, size_t size)
{
	void	   *p = *at;

	*at += (count * size + 31) & ~(size_t) 31;
	return p;
}

static uint32_t
saturate(uint64_t x)
{
	return x > LINEAGE_SATURATED ? LINEAGE_SATURATED : (uint32_t) x;
}

/* largest remainder first; ties by node, then absolute before relative */
static int
claim_cmp(const void *a, const void *b)
{
	const lineage_claim *x = a;
	const lineage_claim *y = b;

	if (x->remainder != y->remainder)
		return x->remainder > y->remainder ? -1 : 1;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return (int) x->relative - (int) y->relative;
}

static bool
check_links(size_t n_nodes, const cd_lineage_link *links, size_t n_links, cd_error *err)
{
	for (size_t i = 0; i < n_links; i++)
	{
		const cd_lineage_link *l = &links[i];

		if (l->child >= n_nodes || l->parent >= n_nodes)
			return cd_fail(err, CD_ERR_PARAM, "lineage link %zu names no work", i + 1);
		if (l->child == l->parent)
			return cd_fail(err, CD_ERR_PARAM, "lineage link %zu links work %u to itself", i + 1,
						   (unsigned) l->child);
		if (l->license_bps == 0 || l->license_bps > CD_LINEAGE_SCALE)
			return cd_fail(err, CD_ERR_PARAM, "license_bps of lineage link %zu must be between 1 and 10000",
						   i + 1);
	}
	return true;
}

/* Links grouped by child (a counting sort, stable). */
static void
index_by_child(lineage_work *w, size_t n_nodes, const cd_lineage_link *links, size_t n_links)
{
	memset(w->child_start, 0, (n_nodes + 1) * sizeof(size_t));
	for (size_t i = 0; i < n_links; i++)
		w->child_start[links[i].child + 1]++;
	for (size_t i = 0; i < n_nodes; i++)
		w->child_start[i + 1] += w->child_start[i];
	memcpy(w->position, w->child_start, n_nodes * sizeof(size_t));
	for (size_t i = 0; i < n_links; i++)
		w->child_links[w->position[links[i].child]++] = i;
}

/*
 * order[0 .. *count) gets the works node 0 reaches, each after all its
 * children among them; false on a cycle.  pending counts, for each
 * reached work, its links from reached children not yet ordered.
 */
static bool
topological_order(lineage_work *w, size_t n_nodes, const cd_lineage_link *links, size_t *count,
				  cd_error *err)
{
	size_t		reached = 1;
	size_t		head = 0;
	size_t		tail = 0;

	memset(w->pending, 0, n_nodes * sizeof(uint32_t));
	/* reach: a depth-first walk up the parents, with order[] as its stack */
	memset(w->paths, 0, n_nodes * sizeof(uint32_t));
	w->paths[0] = 1;
	w->order[tail++] = 0;
	while (tail > 0)
	{
		uint32_t	x = w->order[--tail];

		for (size_t k = w->child_start[x]; k < w->child_start[x + 1]; k++)
		{
			uint32_t	p = links[w->child_links[k]].parent;

			w->pending[p]++;
			if (!w->paths[p])
			{
				w->paths[p] = 1;
				reached++;
				w->order[tail++] = p;
			}
		}
	}
	if (w->pending[0] != 0)
		return cd_fail(err, CD_ERR_DATA, "the lineage graph has a cycle through the paid work");
	w->order[tail++] = 0;
	while (head < tail)
	{
		uint32_t	x = w->order[head++];

		for (size_t k = w->child_start[x]; k < w->child_start[x + 1]; k++)
		{
			uint32_t	p = links[w->child_links[k]].parent;

			if (--w->pending[p] == 0)
				w->order[tail++] = p;
		}
	}
	if (tail != reached)
		return cd_fail(err, CD_ERR_DATA, "the lineage graph has a cycle above the paid work");
	for (size_t i = 0; i < tail; i++)
		w->position[w->order[i]] = i;
	*count = tail;
	return true;
}

/*
 * The claims on the revenue of the work at order[at]: its absolute
 * ancestors (weights by path counting) and its relative parents.  Returns
 * the number of claims; *stack gets their total weight.
 */
static size_t
collect_claims(lineage_work *w, const cd_lineage_link *links, size_t count, size_t at, uint64_t *stack)
{
	uint32_t	v = w->order[at];
	size_t		n_claims = 0;

	*stack = 0;
	for (size_t i = at; i < count; i++)
	{
		w->paths[w->order[i]] = 0;
		w->absolute[w->order[i]] = 0;
	}
	w->paths[v] = 1;
	for (size_t i = at; i < count; i++)
	{
		uint32_t	x = w->order[i];

		if (i > at && w->absolute[x] > 0)
		{
			w->claims[n_claims++] = (lineage_claim) {.node = x, .relative = false, .weight = w->absolute[x]};
			*stack += w->absolute[x];
		}
		if (w->paths[x] == 0)
			continue;
		for (size_t k = w->child_start[x]; k < w->child_start[x + 1]; k++)
		{
			const cd_lineage_link *l = &links[w->child_links[k]];

			if (l->relative)
				continue;
			w->paths[l->parent] = saturate((uint64_t) w->paths[l->parent] + w->paths[x]);
			w->absolute[l->parent] = saturate((uint64_t) w->absolute[l->parent] +
											  (uint64_t) l->license_bps * w->paths[x]);
		}
	}
	for (size_t k = w->child_start[v]; k < w->child_start[v + 1]; k++)
	{
		const cd_lineage_link *l = &links[w->child_links[k]];

		if (!l->relative)
			continue;
		w->claims[n_claims++] = (lineage_claim) {.node = l->parent, .relative = true, .weight = l->license_bps};
		*stack += l->license_bps;
	}
	return n_claims;
}

/* Pay the revenue of the work at order[at] to its claims; it keeps the rest. */
static bool
pay_claims(lineage_work *w, const cd_lineage_link *links, size_t count, size_t at,
		   cd_u256 *retained, cd_error *err)
{
	uint32_t	v = w->order[at];
	cd_u256		revenue = w->revenue[v];
	cd_u256		scale;
	cd_u256		paid;
	uint64_t	stack;
	uint64_t	remainders = 0;
	size_t		n_claims;
	size_t		extra;

	n_claims = collect_claims(w, links, count, at, &stack);
	if (stack > CD_LINEAGE_SCALE)
	{
		cd_fail(err, CD_ERR_DATA, "the royalty stack of a work exceeds 100%%");
		cd_error_detail(err, "Work %u owes its lineage %llu basis points of its revenue.",
						(unsigned) v, (unsigned long long) stack);
		return false;
	}
	cd_u256_from_u64(&scale, CD_LINEAGE_SCALE);
	cd_u256_zero(&paid);
	for (size_t i = 0; i < n_claims; i++)
	{
		cd_u256		weight;
		cd_u256		rem;
		uint64_t	r;

		cd_u256_from_u64(&weight, w->claims[i].weight);
		/* revenue * weight / 10000 <= revenue: cannot overflow */
		if (!cd_u256_muldiv(&revenue, &weight, &scale, &w->claims[i].amount, &rem) ||
			!cd_u256_to_u64(&rem, &r) ||
			!cd_u256_add(&paid, &w->claims[i].amount, &paid))
			return cd_fail(err, CD_ERR_RANGE, "lineage payment out of range");
		w->claims[i].remainder = (uint32_t) r;
		remainders += r;
	}
	/*
	 * T = ceil(revenue * stack / 10000) = sum of floors + ceil(sum of
	 * remainders / 10000): the ancestors get their whole entitlement, the
	 * base units it lacks go one each to the largest remainders.
	 */
	extra = (size_t) ((remainders + CD_LINEAGE_SCALE - 1) / CD_LINEAGE_SCALE);
	qsort(w->claims, n_claims, sizeof(lineage_claim), claim_cmp);
	for (size_t i = 0; i < n_claims; i++)
	{
		lineage_claim *c = &w->claims[i];
		cd_u256    *to = c->relative ? &w->revenue[c->node] : &retained[c->node];

		if (i < extra)
		{
			cd_u256		one;

			cd_u256_from_u64(&one, 1);
			if (!cd_u256_add(&c->amount, &one, &c->amount) || !cd_u256_add(&paid, &one, &paid))
				return cd_fail(err, CD_ERR_RANGE, "lineage payment out of range");
		}
		if (!cd_u256_add(to, &c->amount, to))
			return cd_fail(err, CD_ERR_RANGE, "lineage payment out of range");
	}
	if (!cd_u256_sub(&revenue, &paid, &revenue) || !cd_u256_add(&retained[v], &revenue, &retained[v]))
		return cd_fail(err, CD_ERR_RANGE, "lineage payment out of range");
	cd_u256_zero(&w->revenue[v]);
	return true;
}

/* the working arrays for n_nodes works and n_links links, indexed and ordered */
static bool
lineage_prepare(lineage_work *w, size_t n_nodes, const cd_lineage_link *links, size_t n_links,
				size_t *count, cd_error *err)
{
	if (n_nodes == 0 || n_nodes > UINT32_MAX)
		return cd_fail(err, CD_ERR_PARAM, "a lineage needs between 1 and %u works",
					   (unsigned) UINT32_MAX);
	if (!check_links(n_nodes, links, n_links, err))
		return false;
	/*
	 * One allocation for every array: a payment into a work with 1,000
	 * ancestors needs about 170 kB, and nine separate blocks, freed at the
	 * top of the heap on each call, made glibc give the pages back and
	 * fault them in again every time (bench/lineage.sh: half the time of
	 * lineage_kept in the kernel).  One block above the mmap threshold
	 * raises glibc's thresholds once, and is reused after that.  The
	 * sizes cannot overflow: n_nodes fits 32 bits, n_links is an array's.
	 */
	{
		size_t		claims = n_nodes + n_links;
		size_t		bytes = 9 * 32 + (n_nodes + 1 + (n_links ? n_links : 1) + n_nodes) * sizeof(size_t) +
			4 * n_nodes * sizeof(uint32_t) + n_nodes * sizeof(cd_u256) + claims * sizeof(lineage_claim);
		char	   *at;

		w->arena = malloc(bytes);
		if (!w->arena)
			return cd_fail(err, CD_ERR_NOMEM, "out of memory for a lineage of %zu works", n_nodes);
		at = w->arena;
		w->child_start = carve(&at, n_nodes + 1, sizeof(size_t));
		w->child_links = carve(&at, n_links ? n_links : 1, sizeof(size_t));
		w->order = carve(&at, n_nodes, sizeof(uint32_t));
		w->position = carve(&at, n_nodes, sizeof(size_t));
		w->pending = carve(&at, n_nodes, sizeof(uint32_t));
		w->paths = carve(&at, n_nodes, sizeof(uint32_t));
		w->absolute = carve(&at, n_nodes, sizeof(uint32_t));
		w->revenue = carve(&at, n_nodes, sizeof(cd_u256));
		w->claims = carve(&at, claims, sizeof(lineage_claim));
		memset(w->revenue, 0, n_nodes * sizeof(cd_u256));
	}
	index_by_child(w, n_nodes, links, n_links);
	return topological_order(w, n_nodes, links, count, err);
}

bool
cd_lineage_distribute(size_t n_nodes, const cd_lineage_link *links, size_t n_links,
					  const cd_u256 *amount, cd_u256 *retained, cd_error *err)
{
	lineage_work w = {0};
	size_t		count = 0;
	bool		ok = false;

	if (!lineage_prepare(&w, n_nodes, links, n_links, &count, err))
		goto done;
	for (size_t i = 0; i < n_nodes; i++)
		cd_u256_zero(&retained[i]);
	w.revenue[0] = *amount;
	for (size_t at = 0; at < count; at++)
	{
		if (cd_u256_is_zero(&w.revenue[w.order[at]]))
			continue;
		if (!pay_claims(&w, links, count, at, retained, err))
			goto done;
	}
	ok = true;
done:
	lineage_free(&w);
	return ok;
}

bool
cd_lineage_stack(size_t n_nodes, const cd_lineage_link *links, size_t n_links, uint32_t *stack,
				 cd_error *err)
{
	lineage_work w = {0};
	size_t		count = 0;
	uint64_t	total;
	bool		ok = false;

	if (lineage_prepare(&w, n_nodes, links, n_links, &count, err))
	{
		collect_claims(&w, links, count, 0, &total);
		*stack = saturate(total);
		ok = true;
	}
	lineage_free(&w);
	return ok;
}
