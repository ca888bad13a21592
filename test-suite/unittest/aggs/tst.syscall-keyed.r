
  getppid-loop                                                      5
