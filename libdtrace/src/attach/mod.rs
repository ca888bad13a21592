//! Attach: connect loaded programs to probes (tracepoints, perf events) and run BEGIN/END.
