/ ok
/proc ok
/sys/kernel ok
/dev ok
/var/tmp ok
