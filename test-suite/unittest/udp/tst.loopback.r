      3 receive 127.0.0.1->127.0.0.1 udp SPORT->DPORT len 45 plen 45 local 127.0.0.1:DPORT remote 127.0.0.1:SPORT
      3 send 127.0.0.1->127.0.0.1 udp SPORT->DPORT len 45 plen 45 local 127.0.0.1:SPORT remote 127.0.0.1:DPORT
      3 socket SPORT->DPORT
status 0
