/*
 * Only the executable can be named with the `-` function (absolute addresses).
 */
/* @@trigger: pid-args 1 */
pid$target:libc:-:1000
{
	exit(0);
}
