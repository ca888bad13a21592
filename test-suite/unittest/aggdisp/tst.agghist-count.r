

              key  ------------- Distribution ------------- count    
             open |@@@@@@@@@@                               2        
             read |@@@@@                                    1        
            write |@@@@@@@@@@@@@@@@@@@@@@@@@                5        
