#!/bin/bash
# dtrace -lv of tcp:::state-change: Oracle's tcp attributes (provider and name Evolving/ISA,
# module and function Private/Unknown, arguments Evolving/ISA) and argument types (csinfo_t,
# tcpsinfo_t and tcplsinfo_t; no packet, IP or TCP header for a state change).
$dtrace -lv -n tcp:::state-change | sed -E 's/^ *[0-9]+ /ID /'
echo "status $?"
