/*
 * An output argument of a provider definition that is neither compatible with
 * the native argument it names nor translated from it by a translator is an
 * error when the provider is declared (DTrace's dt_cook_probe).
 */
struct job {
	int id;
};

typedef struct jobinfo {
	int ji_id;
} jobinfo_t;

provider jobs {
	probe start(int n, struct job *j) : (int n, jobinfo_t *j);
};
