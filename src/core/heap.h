/*
 * heap.h - a binary max-heap over an array of fixed-size elements, without
 * allocation: heapsort of split recipients and the selection of the
 * largest remainders in every largest-remainder apportionment
 * (royalty_split.c, apportion.c).
 */
#ifndef CD_HEAP_H
#define CD_HEAP_H

#include <stddef.h>

/* The heap's order: negative, zero or positive as a <, =, > b. */
typedef int (*cd_heap_cmp) (const void *a, const void *b);

/* Swap two elements of size bytes. */
extern void cd_heap_swap(unsigned char *a, unsigned char *b, size_t size);

/* Sift element i down in a max-heap of n elements of size bytes. */
extern void cd_heap_sift_down(unsigned char *base, size_t size, size_t i, size_t n, cd_heap_cmp cmp);

/* Arrange n elements of size bytes into a max-heap. */
extern void cd_heap_make(unsigned char *base, size_t size, size_t n, cd_heap_cmp cmp);

#endif							/* CD_HEAP_H */
