

              key  ------------- Distribution ------------- count    
                a |@@@@@@@@@@                               1        
                b |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@           3        

              key  min .-----. max  | count
                a    0 :   X : 8    | 1
                b    0 : X   : 8    | 1
  a                                                                 7
