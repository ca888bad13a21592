/*
 * An enumerator's value must fit an int.
 */
enum e { A = 0x80000000 };
