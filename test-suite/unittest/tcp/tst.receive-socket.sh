#!/bin/bash
# tcp:::receive names the socket a segment is for, as Oracle's (built on the kernel's
# tcp_rcv_state_process() and tcp_rcv_established()) does: for the trigger's connection on
# 127.0.0.1, the SYN finds the listener in LISTEN; the SYN-ACK the connecting socket in
# SYN_SENT; the handshake's last ACK the server's request socket in SYN_RECEIVED (the one that
# sent the SYN-ACK); data the connection's socket in ESTABLISHED, the one that sends on it,
# whose sequence numbers place the segment (next expected, acknowledging all the receiver
# sent). csinfo_t's cs_addr is tcpsinfo_t's tcps_addr. The SYN to a port nothing listens on
# finds no socket (IDLE, 0); the reset answering it finds the refused socket in SYN_SENT.
# Sockets are named by what tcp:::send and tcp:::state-change showed for them.
# @@trigger: net-packets
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
	printf("send %d->%d %s addr %p\n", args[4]->tcp_sport, args[4]->tcp_dport,
	    args[4]->tcp_flags & TH_SYN ? "syn" : "data", args[3]->tcps_addr);
}

tcp:::receive
/(args[4]->tcp_flags & (TH_SYN | TH_RST)) || args[2]->ip_plength > args[4]->tcp_offset ||
    args[3]->tcps_state == TCP_STATE_SYN_RECEIVED/
{
	printf("receive %d->%d flags %s%s%s payload %d state %s addr %p cs %s%s\n",
	    args[4]->tcp_sport, args[4]->tcp_dport,
	    args[4]->tcp_flags & TH_SYN ? "S" : "", args[4]->tcp_flags & TH_ACK ? "A" : "",
	    args[4]->tcp_flags & TH_RST ? "R" : "",
	    args[2]->ip_plength - args[4]->tcp_offset,
	    args[3]->tcps_state == TCP_STATE_IDLE ? "idle" :
	    args[3]->tcps_state == TCP_STATE_LISTEN ? "listen" :
	    args[3]->tcps_state == TCP_STATE_SYN_SENT ? "syn-sent" :
	    args[3]->tcps_state == TCP_STATE_SYN_RECEIVED ? "syn-received" :
	    args[3]->tcps_state == TCP_STATE_ESTABLISHED ? "established" : "other",
	    args[3]->tcps_addr, args[1]->cs_addr == args[3]->tcps_addr ? "same" : "differs",
	    args[3]->tcps_state != TCP_STATE_ESTABLISHED ? "" :
	    args[3]->tcps_rnxt == args[4]->tcp_seq && args[3]->tcps_snxt == args[4]->tcp_ack ?
	    " in-order acks-all" : " out-of-place");
}'
status=$?
read -r _ c l < <(grep '^tcp ' "$ports")
read -r _ r < <(grep '^refused ' "$ports")
if [ -z "$c" ] || [ -z "$l" ] || [ -z "$r" ]; then
	echo "trigger printed no ports" >&2
	exit 1
fi
# The sockets' addresses, by what showed them: the listener, the client (its SYN), the
# server's request socket (the SYN-ACK), the server's connection (its data) and the refused
# client (its SYN).
addr() { grep -E "^$1" "$out" | head -1 | sed 's/.* addr //'; }
listener=$(addr "listen $l addr")
client=$(addr "send $c->$l syn")
request=$(addr "send $l->$c syn")
server=$(addr "send $l->$c data")
refused=$(addr "send [0-9]+->$r syn")
for a in "$listener" "$client" "$request" "$server" "$refused"; do
	if [ -z "$a" ] || [ "$a" = 0 ]; then
		echo "a socket had no address: $listener $client $request $server $refused" >&2
		cat "$out" >&2
		exit 1
	fi
done
grep -E "\b($c->$l|$l->$c|[0-9]+->$r|$r->[0-9]+)\b|^listen $l " "$out" |
    sed -E "s/\b$c\b/CPORT/g; s/\b$l\b/LPORT/g; s/\b$r\b/RPORT/g; s/\b[0-9]+->RPORT/XPORT->RPORT/;
    s/RPORT->[0-9]+/RPORT->XPORT/; s/addr $listener\b/addr listener/; s/addr $client\b/addr client/;
    s/addr $request\b/addr request/; s/addr $server\b/addr server/; s/addr $refused\b/addr refused/;
    s/addr 0\b/addr none/" | sort | uniq -c
echo "status $status"
