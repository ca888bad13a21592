rawtp:signal::signal_generate sig 12 info 1 task 1 group 1 result 0

