/* unit_progress - the progress line fits the terminal: never as wide as
 * it (a line that reaches the last column wraps, and each redraw then
 * leaves a line behind), dropping first the bar, then the ETA, then the
 * elapsed time, as pv does on a narrow terminal. */
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "unit.h"

#define KNOWN 27306          /* bytes: 12288 of them are 45 % */
#define UNKNOWN UINT64_MAX

static char line[512];

static size_t fmt(int width, uint64_t done, uint64_t total, int64_t secs, double rate)
{
	size_t n = cli_progress_format(line, sizeof line, width, done, total, secs, rate);

	CHECK_EQ(n, strlen(line));
	return n;
}

int main(void)
{
	int w;
	size_t n;

	/* Wide: everything, the bar filling what is left. */
	n = fmt(80, 12288, KNOWN, 4, 3174.4);
	CHECK(n <= 79);
	CHECK(n >= 70);  /* the bar takes up the room */
	CHECK(!strncmp(line, "12.0KiB 0:00:04 [3.1KiB/s] [", 28));
	CHECK(strstr(line, "=>") != NULL);
	CHECK(strstr(line, "]  45% ETA 0:00:05") != NULL);

	/* 40 columns: no bar, the rest fits. */
	n = fmt(40, 12288, KNOWN, 4, 3174.4);
	CHECK(n <= 39);
	CHECK(strchr(line, '=') == NULL);
	CHECK(!strcmp(line, "12.0KiB 0:00:04 [3.1KiB/s]  45%") ||
	      !strcmp(line, "12.0KiB 0:00:04 [3.1KiB/s] 45% ETA 0:00:05"));
	fprintf(stderr, "40 columns: '%s'\n", line);

	/* Just too narrow for the bar: the ETA stays. */
	n = fmt(48, 12288, KNOWN, 4, 3174.4);
	CHECK(n <= 47);
	CHECK(strchr(line, '=') == NULL);
	CHECK(strstr(line, "ETA 0:00:05") != NULL);
	CHECK(strstr(line, "0:00:04") != NULL);

	/* Narrower: no ETA, then no elapsed time; size and percent last. */
	n = fmt(30, 12288, KNOWN, 4, 3174.4);
	CHECK(n <= 29);
	CHECK(strstr(line, "ETA") == NULL);
	CHECK(strstr(line, "45%") != NULL);
	CHECK(strstr(line, "12.0KiB") != NULL);
	n = fmt(16, 12288, KNOWN, 4, 3174.4);
	CHECK(n <= 15);
	CHECK(strstr(line, "45%") != NULL);
	CHECK(strstr(line, "12.0KiB") != NULL);

	/* The size unknown: no percent, no bar, no ETA. */
	n = fmt(80, 12288, UNKNOWN, 4, 3174.4);
	CHECK(!strcmp(line, "12.0KiB 0:00:04 [3.1KiB/s]"));
	n = fmt(20, 12288, UNKNOWN, 4, 3174.4);
	CHECK(n <= 19);
	CHECK(strstr(line, "12.0KiB") != NULL);

	/* The end: a full bar, 100 %, ETA 0:00:00; nothing known of the
	 * rate yet: an ETA of -:--:--. */
	fmt(60, KNOWN, KNOWN, 9, 3000);
	CHECK(strstr(line, "=]") != NULL && strchr(line, '>') == NULL && strstr(line, "[ ") == NULL);
	CHECK(strstr(line, "100% ETA 0:00:00") != NULL);
	fmt(80, 0, KNOWN, 0, 0);
	CHECK(strstr(line, "0% ETA -:--:--") != NULL);
	fmt(80, 0, 0, 0, 0);  /* an empty input is done at once */
	CHECK(strstr(line, "100%") != NULL);

	/* Whatever the width and figures, the line is narrower than the
	 * terminal, and never empty. */
	for (w = 1; w <= 300; w++) {
		n = fmt(w, 12288, KNOWN, 4, 3174.4);
		CHECK(n <= (size_t)(w > 1 ? w - 1 : 1));
		n = fmt(w, (uint64_t)5 << 40, (uint64_t)9 << 40, 999999, 1e12);
		CHECK(n <= (size_t)(w > 1 ? w - 1 : 1));
		n = fmt(w, 12288, UNKNOWN, 4, 3174.4);
		CHECK(n <= (size_t)(w > 1 ? w - 1 : 1) && n > 0);
	}
	/* A small buffer is never overrun. */
	CHECK(cli_progress_format(line, 8, 80, 12288, KNOWN, 4, 3174.4) <= 7);
	return tests_result("unit_progress");
}
