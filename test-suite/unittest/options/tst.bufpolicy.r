ring ok
fill ok
switch ok
dtrace: failed to set -x bufpolicy: Invalid value for specified option
status 1
