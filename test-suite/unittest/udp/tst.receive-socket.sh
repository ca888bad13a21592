#!/bin/bash
# udp:::receive names the socket a datagram is for: the trigger's sockets A and B on
# 127.0.0.1 exchange two rounds (A to B, B's answer to A). Each datagram received by a socket
# that already sent one, or received one, has udpsinfo_t's udps_addr (and csinfo_t's cs_addr)
# of that socket, as udp:::send showed it; B's first datagram finds B unknown (0): it has
# neither sent nor received since tracing began.
# @@trigger: udp-reply
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
udp:::send, udp:::receive
{
	printf("%s %d->%d len %d addr %p cs %s\n", probename, args[4]->udp_sport,
	    args[4]->udp_dport, args[4]->udp_length - 8, args[3]->udps_addr,
	    args[1]->cs_addr == args[3]->udps_addr ? "same" : "differs");
}'
status=$?
read -r _ a b < <(grep '^udp ' "$ports")
if [ -z "$a" ] || [ -z "$b" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
sa=$(grep -E "^send $a->$b " "$out" | head -1 | sed 's/.* addr \([^ ]*\) .*/\1/')
sb=$(grep -E "^send $b->$a " "$out" | head -1 | sed 's/.* addr \([^ ]*\) .*/\1/')
if [ -z "$sa" ] || [ -z "$sb" ] || [ "$sa" = 0 ] || [ "$sb" = 0 ] || [ "$sa" = "$sb" ]; then
	echo "send showed no sockets: $sa $sb" >&2
	exit 1
fi
grep -E "\b($a->$b|$b->$a)\b" "$out" |
    sed -E "s/\b$a\b/APORT/g; s/\b$b\b/BPORT/g; s/addr $sa\b/addr A/; s/addr $sb\b/addr B/;
    s/addr 0\b/addr none/" | sort | uniq -c
echo "status $status"
