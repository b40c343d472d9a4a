package missing2; import _ "example.org/zzz"
