/* ~ needs an integer operand. */
BEGIN { x = ~"abc"; }
