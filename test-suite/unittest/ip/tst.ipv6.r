      2 receive ports SPORT->DPORT v6 ::1->::1 plen 45 | ipv6 6 plen 45 next 17 UDP hlim 64 ::1->::1 | ipv4 0 <null>
      2 send ports SPORT->DPORT v6 ::1->::1 plen 45 | ipv6 6 plen 45 next 17 UDP hlim 64 ::1->::1 | ipv4 0 <null>
      2 udp-receive ports SPORT->DPORT len 45 local ::1:DPORT
      2 udp-send ports SPORT->DPORT len 45 local ::1:SPORT
status 0
