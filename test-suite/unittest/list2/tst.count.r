status 0
enough probes
sdt lists every tracepoint
rawtp lists every tracepoint
