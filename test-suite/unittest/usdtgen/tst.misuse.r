dtrace: -h requires one or more scripts or enabling options
status 2
dtrace: -h requires an output file if multiple scripts are specified
status 2
dtrace: -h requires an output file if no scripts are specified
status 2
dtrace: -G requires one or more scripts or enabling options
status 2
dtrace: failed to link script prov.d: failed to open nosuch.o: No such file or directory
status 1
dtrace: failed to link script prov.d: invalid file type: prov.d
status 1
dtrace: failed to link script prov.d: archives are not permitted; use the contents of the archive instead: lib.a
status 1
dtrace: only one of the [-GhlV] options can be specified at a time
status 2
dtrace: failed to compile script empty.d: line 2: syntax error near "}"
status 1
empty.d
f.c
f.o
lib.a
prov.d
