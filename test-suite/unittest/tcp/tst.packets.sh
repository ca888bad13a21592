#!/bin/bash
# tcp:::send and tcp:::receive for the trigger's connection on 127.0.0.1, which carries 123
# bytes from the client and 45 back: the handshake's SYN and SYN-ACK and the two data
# segments each fire send once and receive once, with the segment's ports, flags and payload
# length (IP payload less the TCP header); tcpsinfo_t's local end is the source on send and
# the destination on receive, and on send has the sending socket's state (SYN_SENT for the
# SYN, SYN_RECEIVED for the SYN-ACK, ESTABLISHED for data). Pure ACKs and the close, whose
# segments depend on timing (delayed and piggybacked ACKs), are left out.
# @@trigger: net-packets
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
tcp:::send, tcp:::receive
/(args[4]->tcp_flags & TH_SYN) ||
    args[2]->ip_plength > args[4]->tcp_offset/
{
	printf("%s %d->%d flags %s%s%s payload %d ip %s->%s local %d remote %d\n", probename,
	    args[4]->tcp_sport, args[4]->tcp_dport,
	    args[4]->tcp_flags & TH_SYN ? "S" : "", args[4]->tcp_flags & TH_ACK ? "A" : "",
	    args[4]->tcp_flags & TH_FIN ? "F" : "",
	    args[2]->ip_plength - args[4]->tcp_offset, args[2]->ip_saddr, args[2]->ip_daddr,
	    args[3]->tcps_lport, args[3]->tcps_rport);
}

tcp:::send
/(args[4]->tcp_flags & TH_SYN) ||
    args[2]->ip_plength > args[4]->tcp_offset/
{
	printf("state %d->%d %s\n", args[4]->tcp_sport, args[4]->tcp_dport,
	    args[3]->tcps_state == TCP_STATE_SYN_SENT ? "syn-sent" :
	    args[3]->tcps_state == TCP_STATE_SYN_RECEIVED ? "syn-received" :
	    args[3]->tcps_state == TCP_STATE_ESTABLISHED ? "established" : "other");
}'
status=$?
read -r _ c l < <(grep '^tcp ' "$ports")
if [ -z "$c" ] || [ -z "$l" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
grep -E "\b($c->$l|$l->$c)\b" "$out" | sed "s/\b$c\b/CPORT/g; s/\b$l\b/LPORT/g" | sort | uniq -c
echo "status $status"
