#!/bin/bash
# dtrace -lv of ip:::send: Oracle's ip attributes (provider and name Evolving/ISA, module and
# function Private/Unknown, arguments Evolving/ISA) and argument types (pktinfo_t, csinfo_t,
# ipinfo_t, ifinfo_t, ipv4info_t, ipv6info_t).
$dtrace -lv -n ip:::send | sed -E 's/^ *[0-9]+ /ID /'
echo "status $?"
