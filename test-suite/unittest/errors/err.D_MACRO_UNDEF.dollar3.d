/* $3 with no third operand. */
BEGIN { trace($3); }
