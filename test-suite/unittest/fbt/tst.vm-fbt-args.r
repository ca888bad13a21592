== -lv
   ID   PROVIDER            MODULE                          FUNCTION NAME
   ID        fbt           vmlinux                     __close_range entry

	Probe Description Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: Unknown

	Argument Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: ISA

	Argument Types
		args[0]: unsigned int
		args[1]: unsigned int
		args[2]: unsigned int

   ID   PROVIDER            MODULE                          FUNCTION NAME
   ID        fbt           vmlinux                     __close_range return

	Probe Description Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: Unknown

	Argument Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: ISA

	Argument Types
		args[0]: uint64_t
		args[1]: int

   ID   PROVIDER            MODULE                          FUNCTION NAME
   ID        fbt           vmlinux                             kfree return

	Probe Description Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: Unknown

	Argument Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: ISA

	Argument Types
		args[0]: uint64_t

== typed entry arguments, a struct pointer, the typed return value
regs di 1010 si 1000
entry 1010 1000 0 sizeof 4
return -22 negative 1 arg0 -1
regs di 1000 si 1010
entry 1000 1010 0 sizeof 4
return 0 negative 0 arg0 -1

status 0
status 0
