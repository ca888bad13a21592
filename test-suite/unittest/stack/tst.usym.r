  ustackprog`middle_fn                              |
  ustackprog`middle_fn                              |
  ustackprog                                        |
  ustackprog`middle_fn+OFF|
ustackprog`middle_fn+OFF|

status 0
