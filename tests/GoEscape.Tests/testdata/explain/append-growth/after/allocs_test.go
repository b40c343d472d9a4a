package main

import "testing"

// TestAllocs measures sum(100)'s heap allocations per call (ExplainHintTests reads the line).
func TestAllocs(t *testing.T) {
	t.Logf("allocs: %v", testing.AllocsPerRun(100, func() { sum(100) }))
}
