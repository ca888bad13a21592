entry nr 110 rax -38 fs-set 1
return nr 110 rax-is-ppid 1 rax-is-arg0 1

