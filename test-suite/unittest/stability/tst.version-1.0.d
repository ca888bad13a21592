/*
 * From Oracle's test/unittest/version/tst.1.0.d: bound to D 1.0, the identifiers added in
 * 1.1 are not built-ins, so a program may declare variables of these names.
 */
#pragma D option version=1.0

int strstr;
int strchr;
int strrchr;
int strtok;
int substr;
int index;
int freopen;

BEGIN
{
	exit(0);
}
