306 300 299 -1
299 50 302 305
needle dle xneedle

