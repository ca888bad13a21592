/etc/hostname 4 1

