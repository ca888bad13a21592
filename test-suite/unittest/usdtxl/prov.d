/*
 * A provider whose probes pass a pointer to the program's job, which D sees
 * translated to jobinfo_t; start's string and count are reordered in the
 * translated list, done's status follows the job. The job lives in the traced
 * program, so the translator copies each member in from there.
 */
struct job {
	int id;
	int prio;
	char *name;
};

typedef struct jobinfo {
	int ji_id;
	int ji_prio;
	string ji_name;
} jobinfo_t;

translator jobinfo_t < struct job *J > {
	ji_id = *(int *)copyin((uintptr_t)&J->id, sizeof (int));
	ji_prio = *(int *)copyin((uintptr_t)&J->prio, sizeof (int));
	ji_name = copyinstr(*(uintptr_t *)copyin((uintptr_t)&J->name, sizeof (uintptr_t)));
};

provider jobs {
	probe start(struct job *j, char *who, int n) : (jobinfo_t *j, string who, int n);
	probe done(int status, struct job *j) : (jobinfo_t *j, int status);
};
