/*
 * A script with nothing but a comment is an empty D program (dt_compile).
 */
