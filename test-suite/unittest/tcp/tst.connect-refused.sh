#!/bin/bash
# tcp:::connect-refused for the trigger's connect to a port bound but not listening: it
# fires once, on the socket that connects, while it is in SYN_SENT; the reset it receives
# comes from the refused port (ipinfo_t and tcpinfo_t from the remote end to the socket).
# @@trigger: net-packets
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
tcp:::connect-refused
{
	printf("connect-refused port %d %s->%s state %d reset %d->local %d socket %d\n",
	    args[3]->tcps_rport, args[2]->ip_saddr, args[2]->ip_daddr,
	    args[3]->tcps_state == TCP_STATE_SYN_SENT, args[4]->tcp_sport,
	    args[4]->tcp_dport == args[3]->tcps_lport, args[1]->cs_addr == args[3]->tcps_addr);
}'
status=$?
read -r _ r < <(grep '^refused ' "$ports")
if [ -z "$r" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
grep -E "port $r\b" "$out" | sed "s/\b$r\b/RPORT/g" | sort | uniq -c
echo "status $status"
