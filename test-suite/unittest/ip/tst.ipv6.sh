#!/bin/bash
# ip:::send/receive and udp:::send/receive for the trigger's 2 UDP datagrams of 37 bytes on
# ::1: ipinfo_t has version 6 and the IPv6 payload length (8 + 37), ipv6info_t the header
# (next header UDP, hop limit 64, addresses), ipv4info_t is empty, and the udp probes see
# the ports. Skipped when the host has no IPv6 loopback.
# @@trigger: net6-packets
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
ip:::send, ip:::receive
/args[2]->ip_ver == 6 && args[5]->ipv6_nexthdr == IPPROTO_UDP/
{
	printf("%s ports %d->%d v%d %s->%s plen %d | ipv6 %d plen %d next %d %s hlim %d %s->%s | ipv4 %d %s\n",
	    probename, ntohs(*(uint16_t *)((uintptr_t)args[5]->ipv6_hdr + 40)),
	    ntohs(*(uint16_t *)((uintptr_t)args[5]->ipv6_hdr + 42)),
	    args[2]->ip_ver, args[2]->ip_saddr, args[2]->ip_daddr, args[2]->ip_plength,
	    args[5]->ipv6_ver, args[5]->ipv6_plen, args[5]->ipv6_nexthdr, args[5]->ipv6_nextstr,
	    args[5]->ipv6_hlim, args[5]->ipv6_saddr, args[5]->ipv6_daddr, args[4]->ipv4_ver,
	    args[4]->ipv4_saddr);
}

udp:::send, udp:::receive
/args[2]->ip_ver == 6/
{
	printf("udp-%s ports %d->%d len %d local %s:%d\n", probename, args[4]->udp_sport,
	    args[4]->udp_dport, args[4]->udp_length, args[3]->udps_laddr, args[3]->udps_lport);
}'
status=$?
if grep -q noipv6 "$ports"; then
	exit 77
fi
read -r _ s d < <(grep '^udp ' "$ports")
if [ -z "$s" ] || [ -z "$d" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
grep -E "ports $s->$d " "$out" | sed "s/\b$s\b/SPORT/g; s/\b$d\b/DPORT/g" | sort | uniq -c
echo "status $status"
