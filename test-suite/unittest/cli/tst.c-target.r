openat-known /etc/hostname

status 0
