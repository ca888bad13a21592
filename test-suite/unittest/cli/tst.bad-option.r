status 1
status 1
status 1
-- @@stderr --
dtrace: failed to set -x wombats: Invalid option name
dtrace: failed to set -x bufsize: Invalid value for specified option
dtrace: failed to set -b lots: Invalid value for specified option
