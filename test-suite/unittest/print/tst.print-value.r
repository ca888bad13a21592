                                            (struct pt) {
                                             .x = (int)3,
                                             .y = (int)-4,
                                             .z = (unsigned short [3]) [
                                              (unsigned short)0,
                                              (unsigned short)9,
                                              (unsigned short)0,
                                             ],
                                            }
                                            (struct pt) {
                                             .y = (int)7,
                                            }

