module rangefunc

go 1.27
