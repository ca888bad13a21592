/* An integer constant too large for any type. */
BEGIN { x = 0x1ffffffffffffffff; }
