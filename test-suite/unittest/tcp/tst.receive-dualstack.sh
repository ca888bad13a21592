#!/bin/bash
# tcp:::receive names the socket a segment is for across address families: the trigger's
# IPv6 listener on the wildcard address takes one connection over IPv4 (127.0.0.1: an
# IPv4-mapped one) and one over IPv6 (::1). Each SYN finds the listener (LISTEN), the SYN-ACK
# the client (SYN_SENT), the last ACK of the handshake the request socket (SYN_RECEIVED),
# data the connection's sockets (ESTABLISHED), named by what tcp:::send and
# tcp:::state-change showed for them. Skipped without IPv6.
# @@trigger: tcp-dualstack
out=$(mktemp)
ports=$(mktemp)
run=$(mktemp)
trap 'rm -f "$out" "$ports" "$run"' EXIT
printf '#!/bin/sh\nexec %s > %s\n' "$trigger" "$ports" > "$run"
chmod +x "$run"
$dtrace -q -o "$out" -c "$run" -n '
tcp:::state-change
/args[3]->tcps_state == TCP_STATE_LISTEN/
{
	printf("listen %d addr %p\n", args[3]->tcps_lport, args[3]->tcps_addr);
}

tcp:::send
/(args[4]->tcp_flags & TH_SYN) || args[2]->ip_plength > args[4]->tcp_offset/
{
	printf("send v%d %d->%d %s addr %p\n", args[2]->ip_ver, args[4]->tcp_sport,
	    args[4]->tcp_dport, args[4]->tcp_flags & TH_SYN ? "syn" : "data",
	    args[3]->tcps_addr);
}

tcp:::receive
/(args[4]->tcp_flags & TH_SYN) || args[2]->ip_plength > args[4]->tcp_offset ||
    args[3]->tcps_state == TCP_STATE_SYN_RECEIVED/
{
	printf("receive v%d %d->%d flags %s%s payload %d state %s addr %p\n", args[2]->ip_ver,
	    args[4]->tcp_sport, args[4]->tcp_dport,
	    args[4]->tcp_flags & TH_SYN ? "S" : "", args[4]->tcp_flags & TH_ACK ? "A" : "",
	    args[2]->ip_plength - args[4]->tcp_offset,
	    args[3]->tcps_state == TCP_STATE_IDLE ? "idle" :
	    args[3]->tcps_state == TCP_STATE_LISTEN ? "listen" :
	    args[3]->tcps_state == TCP_STATE_SYN_SENT ? "syn-sent" :
	    args[3]->tcps_state == TCP_STATE_SYN_RECEIVED ? "syn-received" :
	    args[3]->tcps_state == TCP_STATE_ESTABLISHED ? "established" : "other",
	    args[3]->tcps_addr);
}'
status=$?
if grep -q '^noipv6' "$ports"; then
	exit 77
fi
read -r _ l < <(grep '^listen ' "$ports")
read -r _ c4 < <(grep '^tcp4 ' "$ports")
read -r _ c6 < <(grep '^tcp6 ' "$ports")
if [ -z "$l" ] || [ -z "$c4" ] || [ -z "$c6" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
addr() { grep -E "^$1" "$out" | head -1 | sed 's/.* addr //'; }
listener=$(addr "listen $l addr")
names="s/addr $listener\$/addr listener/"
# Sockets of the two connections may share addresses (one is freed before the other is
# made): each family's are named on its own lines.
for v in 4 6; do
	eval c=\$c$v
	client=$(addr "send v$v $c->$l syn")
	request=$(addr "send v$v $l->$c syn")
	server=$(addr "send v$v $l->$c data")
	for a in "$listener" "$client" "$request" "$server"; do
		if [ -z "$a" ] || [ "$a" = 0 ]; then
			echo "a v$v socket had no address" >&2
			cat "$out" >&2
			exit 1
		fi
	done
	names="$names; / v$v /{s/addr $client\$/addr client/; s/addr $request\$/addr request/;
	    s/addr $server\$/addr server/}; s/\b$c\b/C$v/g"
done
grep -E "^receive v[46] ($c4|$c6|$l)->($c4|$c6|$l) |^listen $l " "$out" |
    sed -E "$names; s/\b$l\b/LPORT/g" | sort | uniq -c
echo "status $status"
