   ID   PROVIDER            MODULE                          FUNCTION NAME
ID        tcp           vmlinux                                   state-change

	Probe Description Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: Unknown

	Argument Attributes
		Identifier Names: Evolving
		Data Semantics:   Evolving
		Dependency Class: ISA

	Argument Types
		args[0]: void
		args[1]: csinfo_t *
		args[2]: void
		args[3]: tcpsinfo_t *
		args[4]: void
		args[5]: tcplsinfo_t *

status 0
