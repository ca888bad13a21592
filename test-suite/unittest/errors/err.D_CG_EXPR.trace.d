/* An action cannot be used as a value. */
BEGIN { x = trace(1); }
