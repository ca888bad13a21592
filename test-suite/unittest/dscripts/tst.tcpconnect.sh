#!/bin/bash
# d-scripts/tcpconnect.d on a loopback connection: one active and one passive line, each
# side's local port the other's remote port, as the trigger reports them.
# @@trigger: tcp-loopback
s=$(dirname $0)/../../../d-scripts/tcpconnect.d
out=$($dtrace -s $s -c "$trigger ports")
echo "status $?"
echo "$out" | grep "^DIR"
lport=$(echo "$out" | awk '$1 == "listen" { print $2 }')
cport=$(echo "$out" | awk '$1 == "client" { print $2 }')
echo "$out" | awk -v l=$lport -v c=$cport '
$1 == "active" && $3 == c && $5 == l { print "active", $2, $4 }
$1 == "passive" && $3 == l && $5 == c { print "passive", $2, $4 }'
