/* A constant division by zero is found at compile time. */
BEGIN { x = 1 / 0; }
