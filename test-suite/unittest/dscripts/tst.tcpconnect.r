status 0
DIR     LADDR           LPORT RADDR           RPORT
active 127.0.0.1 127.0.0.1
passive 127.0.0.1 127.0.0.1
