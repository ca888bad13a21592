
  getppid-loop                                        getppid                                                   1                4
  getppid                                                           0
