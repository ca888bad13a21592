status 0
server 0
SYN state idle addr none
SYN state listen addr known
