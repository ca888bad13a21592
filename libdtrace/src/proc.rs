//! Processes under DTrace's control: `-c cmd` (created stopped, continued at go) and `-p pid`.
