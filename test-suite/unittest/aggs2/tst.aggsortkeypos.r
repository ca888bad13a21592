
  a                                                         1                1
  b                                                         1                1
  b                                                         2                1
  a                                                         9                2
