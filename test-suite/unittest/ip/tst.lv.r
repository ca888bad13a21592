   ID   PROVIDER            MODULE                          FUNCTION NAME
ID         ip           vmlinux                                   send

	Probe Description Attributes
		Identifier Names: Private
		Data Semantics:   Private
		Dependency Class: Unknown

	Argument Attributes
		Identifier Names: Evolving
		Data Semantics:   Evolving
		Dependency Class: ISA

	Argument Types
		args[0]: pktinfo_t *
		args[1]: csinfo_t *
		args[2]: ipinfo_t *
		args[3]: ifinfo_t *
		args[4]: ipv4info_t *
		args[5]: ipv6info_t *

status 0
