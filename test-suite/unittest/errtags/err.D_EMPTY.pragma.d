/*
 * Pragmas alone make no D program: they are no part of the translation unit.
 */
#pragma D option quiet
