status 0
4 spaces
no frame indented more
