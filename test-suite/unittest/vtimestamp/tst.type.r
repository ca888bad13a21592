8 unsigned

