      3 receive ports SPORT->DPORT v4 127.0.0.1->127.0.0.1 plen 45 if lo local 0 | ipv4 4 ihl 20 length 65 proto 17 UDP ttl 64 offset 0 127.0.0.1->127.0.0.1 src 1 | ipv6 0 <null> <null>
      3 send ports SPORT->DPORT v4 127.0.0.1->127.0.0.1 plen 45 if lo local 0 | ipv4 4 ihl 20 length 65 proto 17 UDP ttl 64 offset 0 127.0.0.1->127.0.0.1 src 1 | ipv6 0 <null> <null>
status 0
