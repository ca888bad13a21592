-S:
  status 0
  Disassembly of clause: 2
  unresolved yes, resolved no
-xverbose:
  status 0
  Disassembly of clause: 2
  unresolved yes, resolved no
-S -xdisasm=1:
  status 0
  Disassembly of clause: 2
  unresolved yes, resolved no
-S -xdisasm=2:
  status 0
  Disassembly of program: 2
  unresolved yes, resolved no
-S -xdisasm=4:
  status 0
  Disassembly of linked program: 2
  unresolved yes, resolved no
-S -xdisasm=8:
  status 0
  Disassembly of final program: 4
  unresolved no, resolved yes
-xdisasm=15:
  status 0
  unresolved no, resolved no
