/* One aggregation cannot be given two aggregating functions. */
BEGIN { @a = count(); }
BEGIN { @a = sum(1); }
