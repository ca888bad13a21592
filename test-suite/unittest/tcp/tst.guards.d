/*
 * One clause on probes with different guards (tcp:::*-established, connect-request) and on
 * a probe with none (syscall::connect:entry): each tcp probe fires once for the trigger's
 * one connection, not on every state change of the tracepoint they share.
 */
/* @@trigger: tcp-loopback */
#pragma D option quiet

tcp:::*-established, tcp:::connect-request, syscall::connect:entry
/pid == $target/
{
	@[probename] = count();
}

END
{
	printa("%s %@d\n", @);
}
