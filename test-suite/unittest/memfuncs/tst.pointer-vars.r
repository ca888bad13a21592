ok k
dt
1

