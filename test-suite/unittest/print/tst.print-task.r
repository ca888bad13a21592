status 0
{ptr} = *
                                            (struct task_struct) {
pid line: yes
                                             .comm = (char [16]) [
                                              (char)'g',
                                              (char)'e',
                                              (char)'t',
