package p

var _ = nil == nil
