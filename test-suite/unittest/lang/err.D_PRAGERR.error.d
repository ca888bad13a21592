/*
 * #error stops the compilation with its words.
 */
#error stop here
