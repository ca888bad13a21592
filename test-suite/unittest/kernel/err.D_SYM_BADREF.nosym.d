/*
 * A kernel symbol that does not exist.
 */
BEGIN { trace(`no_such_symbol_xyz); }
