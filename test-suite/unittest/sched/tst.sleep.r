sleep proc-life not-running 1

