#!/bin/bash
# udp:::send and udp:::receive for the trigger's 3 datagrams of 37 bytes on 127.0.0.1: each
# fires once per datagram with the datagram's addresses, ports and lengths (UDP length 45,
# IP payload 45); udpsinfo_t's local end is the source on send and the destination on
# receive. The trigger's datagrams are told from others by the ports it prints at the end.
# @@trigger: net-packets
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
udp:::send, udp:::receive
{
	printf("%s %s->%s udp %d->%d len %d plen %d local %s:%d remote %s:%d\n", probename,
	    args[2]->ip_saddr, args[2]->ip_daddr, args[4]->udp_sport, args[4]->udp_dport,
	    args[4]->udp_length, args[2]->ip_plength, args[3]->udps_laddr, args[3]->udps_lport,
	    args[3]->udps_raddr, args[3]->udps_rport);
}

udp:::send
/args[1]->cs_addr != 0 && args[1]->cs_addr == args[3]->udps_addr/
{
	printf("socket %d->%d\n", args[4]->udp_sport, args[4]->udp_dport);
}'
status=$?
read -r _ s d < <(grep '^udp ' "$ports")
if [ -z "$s" ] || [ -z "$d" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
grep -E "\b$s->$d\b" "$out" | sed "s/\b$s\b/SPORT/g; s/\b$d\b/DPORT/g" | sort | uniq -c
echo "status $status"
