/*
 * A type name nobody defined.
 */
BEGIN { trace((nosuch_type_t)0); }
