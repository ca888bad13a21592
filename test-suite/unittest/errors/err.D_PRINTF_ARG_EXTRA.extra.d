/* An argument with no conversion. */
BEGIN { printf("%d\n", 1, 2); }
