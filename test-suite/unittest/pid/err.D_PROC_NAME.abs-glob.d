/*
 * The `-` function takes one address, not a pattern.
 */
/* @@trigger: pid-args 1 */
pid$target:a.out:-:10*
{
	exit(0);
}
