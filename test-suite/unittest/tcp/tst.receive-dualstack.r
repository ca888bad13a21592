      1 listen LPORT addr listener
      1 receive v4 C4->LPORT flags A payload 0 state syn-received addr request
      1 receive v4 C4->LPORT flags A payload 10 state established addr server
      1 receive v4 C4->LPORT flags S payload 0 state listen addr listener
      1 receive v4 LPORT->C4 flags A payload 7 state established addr client
      1 receive v4 LPORT->C4 flags SA payload 0 state syn-sent addr client
      1 receive v6 C6->LPORT flags A payload 0 state syn-received addr request
      1 receive v6 C6->LPORT flags A payload 10 state established addr server
      1 receive v6 C6->LPORT flags S payload 0 state listen addr listener
      1 receive v6 LPORT->C6 flags A payload 7 state established addr client
      1 receive v6 LPORT->C6 flags SA payload 0 state syn-sent addr client
status 0
