status 0
ustackprog`middle_fn
ustackprog`outer_fn+off
ustackprog`main+off
