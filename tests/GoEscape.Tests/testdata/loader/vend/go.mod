module example.com/vend

go 1.22

require example.com/v v1.2.3
