package missing; import _ "foo/bar"
