== listing
PROVIDER MODULE FUNCTION NAME
fbt vmlinux __close_range entry
fbt vmlinux __close_range return
fbt vmlinux do_sys_openat2 entry
-f: 2
== the issue's one-liner, with cat opening files meanwhile
status 0
dtrace: description 'fbt::do_sys_openat2:entry ' matched 2 probes
CPU     ID                    FUNCTION:NAME
  0 ID :tick-1s 
cat counted
== entry arguments and return values of __close_range
entry 1010 1000 0
return -1 -22
entry 1000 1010 0
return -1 0

status 0
== -F
CPU FUNCTION                                 
  0  -> __x64_sys_close_range                 
  0    -> __close_range                       
  0    <- __close_range                       
  0  <- __x64_sys_close_range                 
  0  -> __x64_sys_close_range                 
  0    -> __close_range                       
  0    <- __close_range                       
  0  <- __x64_sys_close_range                 

status 0
status 0
-- @@stderr --
dtrace: description 'fbt::__x64_sys_close_range:entry,fbt::__x64_sys_close_range:return,fbt::__close_range:entry,fbt::__close_range:return ' matched 4 probes
