first
second
after

