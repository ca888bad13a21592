#!/bin/bash
# tcp:::receive and a listener made before tracing began: dtrace has not seen it listen, so
# the first connection request to it finds no socket (TCP_STATE_IDLE, tcps_addr 0); the
# SYN-ACK its request socket sends names it, and the second request finds it in LISTEN, the
# listener of the socket that accepted the first connection's data.
# @@trigger: tcp-serve
out=$(mktemp)
port=$(mktemp)
trap 'rm -f "$out" "$port"; kill $server 2>/dev/null' EXIT
"$trigger" listen 2 > "$port" &
server=$!
for i in $(seq 100); do
	[ -s "$port" ] && break
	sleep 0.05
done
p=$(cat "$port")
if [ -z "$p" ]; then
	echo "the server printed no port" >&2
	exit 1
fi
$dtrace -q -o "$out" -c "$trigger connect $p 2" -n '
tcp:::receive
/args[4]->tcp_dport == '"$p"' && args[4]->tcp_flags == TH_SYN/
{
	printf("SYN state %s addr %s\n",
	    args[3]->tcps_state == TCP_STATE_IDLE ? "idle" :
	    args[3]->tcps_state == TCP_STATE_LISTEN ? "listen" : "other",
	    args[3]->tcps_addr == 0 ? "none" : "known");
}'
status=$?
echo "status $status"
# A server still waiting for connections that will not come would keep the test waiting.
[ $status -eq 0 ] || kill $server
wait $server
echo "server $?"
grep "^SYN" "$out"
