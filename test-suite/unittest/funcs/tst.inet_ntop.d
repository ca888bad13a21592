/*
 * inet_ntoa(), inet_ntoa6() and inet_ntop() of addresses in user memory: IPv6 as RFC 1884 text
 * with the longest run of zero groups as "::", IPv4-mapped addresses ending in a dotted quad.
 */
/* @@trigger: inet-addrs */
#pragma D option quiet

syscall::write:entry
/pid == $target && arg2 == 4/
{
	printf("%s %s\n", inet_ntoa(arg1), inet_ntop(2, arg1));
}

syscall::write:entry
/pid == $target && arg2 >= 16/
{
	printf("%d %s %s\n", arg2, inet_ntop(10, arg1), inet_ntoa6(arg1));
}
