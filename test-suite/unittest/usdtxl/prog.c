/*
 * Runs three jobs, firing jobs:::start and jobs:::done for each, with the header
 * `dtrace -h` makes from prov.d. Names are on the stack, pages the program has
 * touched, so that copyinstr() can read them.
 */
#include <stdio.h>
#include "prov.h"

struct job {
	int id;
	int prio;
	char *name;
};

int main(void)
{
	char names[3][16] = { "build", "test", "deploy" };
	char who[16] = "ci";
	struct job jobs[3];
	int i;

	for (i = 0; i < 3; i++) {
		jobs[i].id = 10 + i;
		jobs[i].prio = 5 - i;
		jobs[i].name = names[i];
		JOBS_START(&jobs[i], who, i + 1);
		JOBS_DONE(-i, &jobs[i]);
	}
	return 0;
}
