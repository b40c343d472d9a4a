module example.com/main

go 1.22

require (
	example.com/Upper/Pkg v1.0.0
	example.com/a v1.1.0
	example.com/b v1.0.0
	example.com/f v1.0.0
	example.com/local v0.0.0
	example.com/m/v2 v2.0.0
	example.com/n v1.0.0
	example.com/n/sub v1.0.0
	example.com/old v1.0.0
	example.com/p v1.0.0
	gopkg.in/tiny.v1 v1.0.0
)

require example.com/c v1.2.0 // indirect

exclude example.com/c v1.3.0

replace example.com/old v1.0.0 => example.com/new v1.0.0

replace example.com/local => ../local
