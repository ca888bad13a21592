dtrace: could not enable tracing: line 1: clause needs N bytes of temporary storage (strings, keys, search buffers), more than the N bytes a CPU's machine state holds: split its work over several clauses or lower strsize
status 1
