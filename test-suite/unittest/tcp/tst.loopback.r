accept-established 127.0.0.1:LPORT 127.0.0.1:CPORT tcp CPORT->LPORT ver 4 cs 1
active close 127.0.0.1:LPORT local 1
connect-established 127.0.0.1:CPORT 127.0.0.1:LPORT tcp LPORT->CPORT ip 127.0.0.1->127.0.0.1 state 1
connect-request 127.0.0.1 127.0.0.1 LPORT state 1
listen 127.0.0.1:LPORT
status 0
