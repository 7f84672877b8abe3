package main

import (
	"runtime"
	"testing"
)

// The floor given -hold holds what it says: each collection then scans at
// least that much heap, and the map it holds is what makes it so.
func TestHoldHeap(t *testing.T) {
	base := scanned()
	const target = 400 << 10
	held := holdHeap(target)
	if got := scanned(); got < target {
		t.Fatalf("each collection scans %d bytes, want at least %d", got, target)
	}
	if len(held) == 0 || base >= target {
		t.Fatalf("held %d maps over a base of %d bytes scanned", len(held), base)
	}
	runtime.KeepAlive(held)
	if holdHeap(0) != nil {
		t.Fatal("-hold 0 holds a heap")
	}
}
