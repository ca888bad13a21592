{ptr} = *
                                            (struct sk_buff) {
                                             .len = (unsigned int)123,
                                             .data = (unsigned char *){ptr},
                                            }

