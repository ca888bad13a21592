   ID   PROVIDER            MODULE                          FUNCTION NAME
        sdt             sched                                   sched_process_exec

	Probe Description Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: Unknown

	Argument Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: ISA

	Argument Types
		args[0]: char[]
		args[1]: pid_t
		args[2]: pid_t

