/*
 * One clause on probes with different guards (tcp:::*-established, connect-request) and on
 * a probe with none (syscall::connect:entry): each tcp probe fires once for the trigger's
 * one connection, not on every state change of the tracepoint they share.
 *
 * The connection is told from others by its server's port, taken when the trigger listens:
 * the handshake's segments may be processed by ksoftirqd rather than in the trigger's context.
 */
/* @@trigger: tcp-loopback */
#pragma D option quiet

int port;

tcp:::state-change
/pid == $target && args[3]->tcps_state == TCP_STATE_LISTEN/
{
	port = args[3]->tcps_lport;
}

tcp:::*-established, tcp:::connect-request, syscall::connect:entry
/port != 0 && (probeprov == "syscall" ? pid == $target :
    ((struct sock *)arg0)->__sk_common.skc_num == port ||
    ntohs(((struct sock *)arg0)->__sk_common.skc_dport) == port)/
{
	@[probename] = count();
}

END
{
	printa("%s %@d\n", @);
}
