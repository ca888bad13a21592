/*
 * A function named exactly, in a module named exactly, must exist there.
 */
/* @@trigger: pid-args 1 */
pid$target:a.out:no_such_function:entry
{
	exit(0);
}
