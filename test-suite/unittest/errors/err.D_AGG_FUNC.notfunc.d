/* An aggregation is assigned the result of an aggregating function. */
BEGIN { @a = 1; }
