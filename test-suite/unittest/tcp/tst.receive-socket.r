      1 listen LPORT addr listener
      1 receive CPORT->LPORT flags A payload 0 state syn-received addr request cs same
      1 receive CPORT->LPORT flags A payload 123 state established addr server cs same in-order acks-all
      1 receive CPORT->LPORT flags S payload 0 state listen addr listener cs same
      1 receive LPORT->CPORT flags A payload 45 state established addr client cs same in-order acks-all
      1 receive LPORT->CPORT flags SA payload 0 state syn-sent addr client cs same
      1 receive RPORT->XPORT flags AR payload 0 state syn-sent addr refused cs same
      1 receive XPORT->RPORT flags S payload 0 state idle addr none cs same
      1 send CPORT->LPORT data addr client
      1 send CPORT->LPORT syn addr client
      1 send LPORT->CPORT data addr server
      1 send LPORT->CPORT syn addr request
      1 send XPORT->RPORT syn addr refused
status 0
