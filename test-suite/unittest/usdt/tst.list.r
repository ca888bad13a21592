dttestN usdt-probes fire fire
dttestN usdt-probes main loop
	Argument Types
		args[0]: int32_t
		args[1]: int64_t
		args[2]: int64_t

