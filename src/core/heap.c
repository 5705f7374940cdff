/*
 * heap.c - a binary max-heap over an array of fixed-size elements, in
 * place (heap.h)
 */
#include "heap.h"

/* Byte by byte: the elements are a few words long. */
void
cd_heap_swap(unsigned char *a, unsigned char *b, size_t size)
{
	for (size_t k = 0; k < size; k++)
	{
		unsigned char tmp = a[k];

		a[k] = b[k];
		b[k] = tmp;
	}
}

void
cd_heap_sift_down(unsigned char *base, size_t size, size_t i, size_t n, cd_heap_cmp cmp)
{
	for (;;)
	{
		size_t		child = 2 * i + 1;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + (child + 1) * size, base + child * size) > 0)
			child++;
		if (cmp(base + child * size, base + i * size) <= 0)
			return;
		cd_heap_swap(base + i * size, base + child * size, size);
		i = child;
	}
}

void
cd_heap_make(unsigned char *base, size_t size, size_t n, cd_heap_cmp cmp)
{
	for (size_t i = n / 2; i-- > 0;)
		cd_heap_sift_down(base, size, i, n, cmp);
}
