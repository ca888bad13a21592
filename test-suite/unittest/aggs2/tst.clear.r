
  x                                                                 0
  y                                                                 2

                0

