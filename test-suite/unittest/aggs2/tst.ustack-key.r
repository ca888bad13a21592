status 0
ustackprog`middle_fn ustackprog`outer_fn ustackprog`main 
ustackprog 3
