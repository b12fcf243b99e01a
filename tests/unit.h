/* unit.h - a minimal assertion kit: each failed CHECK prints where and
 * why; main returns tests_result(), which automake reads (0 pass, 1 fail). */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>

static int unit_failures, unit_checks;

#define CHECK(cond) do { \
	unit_checks++; \
	if (!(cond)) { \
		unit_failures++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
	unit_checks++; \
	if (a_ != b_) { \
		unit_failures++; \
		fprintf(stderr, "%s:%d: %s == %s failed: 0x%llx != 0x%llx\n", \
		        __FILE__, __LINE__, #a, #b, a_, b_); \
	} \
} while (0)

static inline int tests_result(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}

#endif
