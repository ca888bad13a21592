/*
 * A control line that is not a directive.
 */
#frobnicate
