package cyc1; import _ "example.com/errs/cyc2"
