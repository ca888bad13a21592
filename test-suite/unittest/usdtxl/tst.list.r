	Argument Types
		args[0]: jobinfo_t *
		args[1]: string
		args[2]: int

	Argument Types
		args[0]: jobinfo_t *
		args[1]: int

