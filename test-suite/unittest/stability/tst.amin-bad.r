dtrace: failed to set -x amin: Invalid value for specified option
status 1
dtrace: failed to set -x amin: Invalid value for specified option
status 1
