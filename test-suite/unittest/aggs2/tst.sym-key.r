status 0
function rows
each function once
1

  ustackprog`middle_fn                                ustackprog                                                        3
