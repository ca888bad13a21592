      1 connect-refused port RPORT 127.0.0.1->127.0.0.1 state 1 reset RPORT->local 1 socket 1
status 0
