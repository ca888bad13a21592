
             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 2f 65 74 63 2f 68 6f 73 74 6e 61 6d 65 00        /etc/hostname.

             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef
         0: 2f 65 74 63 2f                                   /etc/

