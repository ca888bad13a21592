6 1 hello 1

