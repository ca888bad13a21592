status 0
every CPU
