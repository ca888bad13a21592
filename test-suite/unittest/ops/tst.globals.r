abc 42

