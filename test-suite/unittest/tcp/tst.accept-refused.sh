#!/bin/bash
# tcp:::accept-refused for the trigger's connect to a port bound but not listening: it fires
# once, for the refused SYN (args describe the received SYN, as Oracle's do: the client is
# the source, the refused port tcps_lport and tcp_dport), and tcp:::send sees the reset
# sent back from that port.
# @@trigger: net-packets
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
tcp:::accept-refused
{
	printf("accept-refused port %d dport %d %s->%s syn %d client %d\n", args[3]->tcps_lport,
	    args[4]->tcp_dport, args[2]->ip_saddr, args[2]->ip_daddr,
	    args[4]->tcp_flags == TH_SYN, args[4]->tcp_sport == args[3]->tcps_rport);
}

tcp:::send
/args[4]->tcp_flags & TH_RST/
{
	printf("reset from port %d to client %d\n", args[4]->tcp_sport,
	    args[4]->tcp_dport == args[3]->tcps_rport);
}'
status=$?
read -r _ r < <(grep '^refused ' "$ports")
if [ -z "$r" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
grep -E "port $r\b" "$out" | sed "s/\b$r\b/RPORT/g" | sort | uniq -c
echo "status $status"
