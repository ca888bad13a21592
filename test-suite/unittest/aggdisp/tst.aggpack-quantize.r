

              key  min .------------. max  | count
            alpha   -4 :    xx    x : 128  | 4
             beta   -4 :       X_   : 128  | 5
            gamma   -4 : x x        : 128  | 4
