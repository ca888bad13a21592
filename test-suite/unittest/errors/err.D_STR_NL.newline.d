/* A newline inside a string constant. */
BEGIN { trace("abc
def"); }
