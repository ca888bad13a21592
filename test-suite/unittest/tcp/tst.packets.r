      1 receive CPORT->LPORT flags A payload 123 ip 127.0.0.1->127.0.0.1 local LPORT remote CPORT
      1 receive CPORT->LPORT flags S payload 0 ip 127.0.0.1->127.0.0.1 local LPORT remote CPORT
      1 receive LPORT->CPORT flags A payload 45 ip 127.0.0.1->127.0.0.1 local CPORT remote LPORT
      1 receive LPORT->CPORT flags SA payload 0 ip 127.0.0.1->127.0.0.1 local CPORT remote LPORT
      1 send CPORT->LPORT flags A payload 123 ip 127.0.0.1->127.0.0.1 local CPORT remote LPORT
      1 send CPORT->LPORT flags S payload 0 ip 127.0.0.1->127.0.0.1 local CPORT remote LPORT
      1 send LPORT->CPORT flags A payload 45 ip 127.0.0.1->127.0.0.1 local LPORT remote CPORT
      1 send LPORT->CPORT flags SA payload 0 ip 127.0.0.1->127.0.0.1 local LPORT remote CPORT
      1 state CPORT->LPORT established
      1 state CPORT->LPORT syn-sent
      1 state LPORT->CPORT established
      1 state LPORT->CPORT syn-received
status 0
