                                            (struct s) {
                                             .c = (color_t)GREEN,
                                             .d = (enum colors)BLUE,
                                             .t = (enum sock_type)SOCK_DGRAM,
                                             .u = (socket_state)SS_CONNECTED,
                                             .v = (enum colors)7,
                                             .e = (int)7,
                                            }

