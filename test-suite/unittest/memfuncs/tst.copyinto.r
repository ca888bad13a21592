/etc/hostname
e

