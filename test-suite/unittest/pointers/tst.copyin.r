1
e
/etc/hostname

