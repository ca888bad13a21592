BEGIN { trace(substr("abc", 1, 2, 3)); }
