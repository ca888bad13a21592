surrender 200 translated 200 decided 200

