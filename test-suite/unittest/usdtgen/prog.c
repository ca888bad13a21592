/*
 * Instrumented with the header `dtrace -h -s prov.d` writes: fires query-start and
 * query-done for four queries and tick once, and writes to argv[1] how many times each
 * is-enabled macro was true.
 */
#include <stdio.h>
#include "prov.h"

static const char *queries[] = { "select 1", "insert", "update t", "delete" };

int main(int argc, char **argv)
{
	int i, start_on = 0, done_on = 0;
	char q[32];
	FILE *f;

	for (i = 0; i < 4; i++) {
		if (MYAPP_QUERY_START_ENABLED())
			start_on++;
		/*
		 * The query text is copied to the stack first, as a program builds its queries:
		 * copyinstr() cannot read a page the process never touched.
		 */
		snprintf(q, sizeof(q), "%s", queries[i]);
		MYAPP_QUERY_START(q, 100 + i);
		if (MYAPP_QUERY_DONE_ENABLED())
			done_on++;
		MYAPP_QUERY_DONE(i, -1000L * i);
	}
	MYAPP_TICK();
	if (argc > 1 && (f = fopen(argv[1], "w")) != NULL) {
		fprintf(f, "query-start enabled %d\nquery-done enabled %d\n", start_on, done_on);
		fclose(f);
	}
	return 0;
}
