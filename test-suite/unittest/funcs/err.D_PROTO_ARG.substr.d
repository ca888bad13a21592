BEGIN { trace(substr("abc", "b")); }
