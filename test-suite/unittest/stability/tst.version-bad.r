dtrace: failed to set -x version: Version is not properly formatted or is too large
status 1
dtrace: failed to set -x version: Operation not supported
status 1
dtrace: failed to compile script FILE: line 1: failed to set option 'version' to '99.1': Operation not supported
