42

dtrace: failed to compile script DIR/bad.d: line 3: failed to resolve nosuchvar: Unknown variable name
