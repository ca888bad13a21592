tick 1 mismatched 0

