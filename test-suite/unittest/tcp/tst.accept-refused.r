      1 accept-refused port RPORT dport RPORT 127.0.0.1->127.0.0.1 syn 1 client 1
      1 reset from port RPORT to client 1
status 0
