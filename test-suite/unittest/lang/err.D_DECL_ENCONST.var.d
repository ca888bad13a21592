/*
 * An enumerator's value must be a constant.
 */
enum e { A = 1, B = pid };
