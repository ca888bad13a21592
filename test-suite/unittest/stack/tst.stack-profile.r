status 0
frames
0 malformed
vmlinux named
leading newline
