/*
 * An unknown hardware type (link_ntop), address family (inet_ntop) or number base (lltostr,
 * strtoll) is an illegal operation: the clause stops, ERROR fires with DTRACEFLT_ILLOP and
 * tracing goes on.
 */
#pragma D option quiet

int n;

BEGIN
{
	this->a = (uint64_t *)alloca(sizeof(uint64_t));
	trace(link_ntop(7, this->a));
}

BEGIN
{
	trace(inet_ntop(3, this->a));
}

BEGIN
{
	trace(lltostr(10, 1));
}

BEGIN
{
	trace(strtoll("10", 37));
}

BEGIN
{
	printf("%d faults\n", n);
	exit(0);
}

ERROR
{
	printf("fault %d %s\n", arg4, arg4 == DTRACEFLT_ILLOP ? "illop" : "other");
	n++;
}
