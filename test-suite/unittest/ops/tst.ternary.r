big 10 mid

