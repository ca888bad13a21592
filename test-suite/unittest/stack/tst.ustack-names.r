status 0
ustackprog`middle_fn ustackprog`outer_fn ustackprog`main 
innermost frame in libc
