/*
 * -C runs cpp: macros from -D, #define and #ifdef, with DTrace's predefined __SUNW_D.
 */
/* @@runtest-opts: -C -DFOO=7 -DBAR -UBAR */
#define TWICE(x) ((x) * 2)
#pragma D option quiet

BEGIN
{
#if defined(FOO) && !defined(BAR) && __SUNW_D
	printf("%d %d\n", TWICE(21), FOO);
#else
	printf("wrong\n");
#endif
	exit(0);
}
