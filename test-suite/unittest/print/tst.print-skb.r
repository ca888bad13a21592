{ptr} = *
                                            (struct sk_buff) {
                                             .len = (unsigned int)123,
                                             (struct) {
                                              (struct) {
                                               .network_header = (__u16)32,
                                              },
                                              .headers = (struct) {
                                               .network_header = (__u16)32,
                                              },
                                             },
                                             .data = (unsigned char *){ptr},
                                            }

