status 0
jit_spin_loop
jit_spin_loop
