package useprog; import _ "example.com/errs/prog"
