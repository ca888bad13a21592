still in BEGIN 2
END 2

