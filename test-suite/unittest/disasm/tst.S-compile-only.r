status 0
stdout bytes 0
1
1
same as when run
Disassembly of clause :::BEGIN, <dt_clause_0>:
Disassembly of clause :::END, <dt_clause_0>:
