#!/bin/bash
# A TCP connection on loopback (the trigger listens on 127.0.0.1, connects to itself, writes
# and closes): the tcp provider's probes fire once each for the connection, with the
# addresses and the ports the trigger printed, and DTrace's TCP_STATE_* states.
# The connection is told from others by its server's port, taken when the trigger listens:
# the handshake's segments may be processed by ksoftirqd rather than in the trigger's context.
# @@trigger: tcp-loopback
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
# exec keeps the trigger's pid that of the command dtrace started ($target).
printf '#!/bin/sh\nexec %s ports > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
int port;

tcp:::connect-request
/port != 0 && (args[3]->tcps_lport == port || args[3]->tcps_rport == port)/
{
	printf("connect-request %s %s %d state %d\n", args[2]->ip_saddr, args[2]->ip_daddr,
	    args[4]->tcp_dport, args[3]->tcps_state == TCP_STATE_SYN_SENT);
}

tcp:::connect-established
/port != 0 && (args[3]->tcps_lport == port || args[3]->tcps_rport == port)/
{
	printf("connect-established %s:%d %s:%d tcp %d->%d ip %s->%s state %d\n",
	    args[3]->tcps_laddr, args[3]->tcps_lport, args[3]->tcps_raddr, args[3]->tcps_rport,
	    args[4]->tcp_sport, args[4]->tcp_dport, args[2]->ip_saddr, args[2]->ip_daddr,
	    args[3]->tcps_state == TCP_STATE_ESTABLISHED);
}

tcp:::accept-established
/port != 0 && (args[3]->tcps_lport == port || args[3]->tcps_rport == port)/
{
	printf("accept-established %s:%d %s:%d tcp %d->%d ver %d cs %d\n",
	    args[3]->tcps_laddr, args[3]->tcps_lport, args[3]->tcps_raddr, args[3]->tcps_rport,
	    args[4]->tcp_sport, args[4]->tcp_dport, args[2]->ip_ver,
	    args[1]->cs_addr == args[3]->tcps_addr);
}

tcp:::state-change
/pid == $target && args[5]->tcps_state == TCP_STATE_CLOSED &&
    args[3]->tcps_state == TCP_STATE_LISTEN/
{
	port = args[3]->tcps_lport;
	printf("listen %s:%d\n", args[3]->tcps_laddr, args[3]->tcps_lport);
}

tcp:::state-change
/port != 0 && (args[3]->tcps_lport == port || args[3]->tcps_rport == port) &&
    args[5]->tcps_state == TCP_STATE_ESTABLISHED &&
    args[3]->tcps_state == TCP_STATE_FIN_WAIT_1/
{
	printf("active close %s:%d local %d\n", args[3]->tcps_raddr, args[3]->tcps_rport,
	    args[3]->tcps_local);
}'
status=$?
l=$(sed -n 's/^listen \([0-9]*\)$/\1/p' "$ports")
c=$(sed -n 's/^client \([0-9]*\)$/\1/p' "$ports")
if [ -z "$l" ] || [ -z "$c" ]; then
	echo "trigger printed no ports" >&2
	cat "$ports" >&2
	exit 1
fi
sed "s/\b$l\b/LPORT/g; s/\b$c\b/CPORT/g" "$out" | grep . | sort
echo "status $status"
