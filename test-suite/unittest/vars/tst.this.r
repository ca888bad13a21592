30 clause 2

