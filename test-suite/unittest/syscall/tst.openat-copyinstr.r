openat-known /etc/hostname

