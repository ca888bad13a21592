#!/bin/busybox sh
# /init of the VM lane's initramfs (kernel-patches/vm/run.sh): load what 9p needs, mount the
# host's / read-only under a tmpfs overlay, the working directory read-write at its own path,
# run the command in a chroot, record its status in the shared directory, power off.
/bin/busybox mkdir -p /usr/bin /sbin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin

fail() {
	echo "vm-init: $*"
	echo "vm-init: $*" >/share/init-error 2>/dev/null
	sync
	poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
while read -r m; do
	[ -n "$m" ] && { insmod "/lib/modules/$m" || echo "vm-init: insmod $m failed"; }
done </lib/modules/order

# msize: 9p's default (8 KiB) makes reading host binaries several times slower.
opts=trans=virtio,version=9p2000.L,msize=512000
mount -t 9p -o "$opts,cache=mmap" share /share || fail "cannot mount the shared directory"
mount -t 9p -o "$opts,ro,cache=loose" hostroot /host || fail "cannot mount the host's /"
mount -t tmpfs -o mode=755 rw /rw
mkdir -p /rw/upper /rw/work
if ! mount -t overlay -o lowerdir=/host,upperdir=/rw/upper,workdir=/rw/work overlay /newroot; then
	echo "vm-init: no overlay: the host's / stays read-only"
	mount --bind /host /newroot
fi
R=/newroot
mount -t proc proc $R/proc
mount -t sysfs sys $R/sys
mount -t devtmpfs dev $R/dev
mkdir -p $R/dev/pts $R/dev/shm
# What udev and systemd would make: /dev/fd for bash's process substitution, /dev/std*.
ln -sf /proc/self/fd $R/dev/fd
ln -sf /proc/self/fd/0 $R/dev/stdin
ln -sf /proc/self/fd/1 $R/dev/stdout
ln -sf /proc/self/fd/2 $R/dev/stderr
mount -t devpts devpts $R/dev/pts
mount -t tmpfs tmpfs $R/dev/shm
mount -t tracefs tracefs $R/sys/kernel/tracing
mount -t debugfs debugfs $R/sys/kernel/debug
mount -t bpf bpf $R/sys/fs/bpf
mount -t tmpfs tmpfs $R/tmp
mount -t tmpfs tmpfs $R/run
# run.sh --disk: a block device for the io provider's tests.
if [ -b /dev/vda ]; then
	mount -t ext4 /dev/vda $R/var/tmp || echo "vm-init: cannot mount the scratch disk"
fi
cwd=$(cat /share/cwd)
mkdir -p "$R$cwd" 2>/dev/null
mount -t 9p -o "$opts,cache=mmap" work "$R$cwd" || fail "cannot mount the working directory $cwd"
mkdir -p $R/run/vm
mount --bind /share $R/run/vm

# Loopback, for the network providers' tests (no other interface: the guest has no NIC).
ip link set lo up || echo "vm-init: cannot bring lo up"
# The guest's clock starts at the host's time (qemu's RTC); nothing else to set up.
# cmd.sh is written by bash's printf %q: bash reads it back (the host has bash: run.sh is).
chroot $R /bin/bash /run/vm/cmd.sh >/share/stdout 2>/share/stderr </dev/null
echo $? >/share/status.tmp
mv /share/status.tmp /share/status
sync
umount "$R$cwd" 2>/dev/null
umount $R/run/vm 2>/dev/null
umount /share 2>/dev/null
poweroff -f
