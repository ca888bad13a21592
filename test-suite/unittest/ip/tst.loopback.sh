#!/bin/bash
# ip:::send and ip:::receive for the trigger's 3 UDP datagrams of 37 bytes on 127.0.0.1: the
# IPv4 header translated to ipinfo_t and ipv4info_t (length 65 = 20 + 8 + 37, protocol UDP,
# TTL 64, no fragment), ipv6info_t empty, and the loopback interface in ifinfo_t. The
# datagrams are told from others by the UDP ports the trigger prints at the end, read from
# the header that follows the IPv4 one.
# @@trigger: net-packets
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
ip:::send, ip:::receive
/args[4]->ipv4_protocol == IPPROTO_UDP/
{
	printf("%s ports %d->%d v%d %s->%s plen %d if %s local %d | ",
	    probename, ntohs(*(uint16_t *)((uintptr_t)args[4]->ipv4_hdr + args[4]->ipv4_ihl)),
	    ntohs(*(uint16_t *)((uintptr_t)args[4]->ipv4_hdr + args[4]->ipv4_ihl + 2)),
	    args[2]->ip_ver, args[2]->ip_saddr, args[2]->ip_daddr, args[2]->ip_plength,
	    args[3]->if_name, args[3]->if_local);
	printf("ipv4 %d ihl %d length %d proto %d %s ttl %d offset %d %s->%s src %d | ",
	    args[4]->ipv4_ver, args[4]->ipv4_ihl, args[4]->ipv4_length, args[4]->ipv4_protocol,
	    args[4]->ipv4_protostr, args[4]->ipv4_ttl, args[4]->ipv4_offset, args[4]->ipv4_saddr,
	    args[4]->ipv4_daddr, args[4]->ipv4_src == htonl(0x7f000001));
	printf("ipv6 %d %s %s\n", args[5]->ipv6_ver, args[5]->ipv6_saddr, args[5]->ipv6_nextstr);
}'
status=$?
read -r _ s d < <(grep '^udp ' "$ports")
if [ -z "$s" ] || [ -z "$d" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
grep -E "^[a-z]+ ports $s->$d " "$out" | sed "s/\b$s\b/SPORT/g; s/\b$d\b/DPORT/g" | sort | uniq -c
echo "status $status"
