/*
 * A probe declared twice in a provider is an error at the second declaration.
 */
provider myapp {
	probe query__start(char *, int);
	probe query__done(int);
	probe query__start(char *);
};
