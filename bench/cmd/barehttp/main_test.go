package main

import (
	"runtime"
	"testing"
)

// -hold holds what it says, and it is the maps that make it so: each
// collection scans at least the target while they are held, and about
// what it scanned before once they are dropped.
func TestHoldHeap(t *testing.T) {
	const target = 400 << 10
	base := scanned()
	if base >= target/2 {
		t.Fatalf("the test's own heap is scanned at %d bytes: too close to the target to tell", base)
	}
	held, scans := holdHeap(target)
	if got := scanned(); got < target || scans < target {
		t.Fatalf("with the maps held a collection scans %d bytes (holdHeap said %d), want at least %d", got, scans, target)
	}
	if len(held) == 0 {
		t.Fatal("no maps held")
	}
	runtime.KeepAlive(held) // the maps' last use: after it they may be collected
	if got := scanned(); got > base+target/4 {
		t.Fatalf("with the maps dropped a collection scans %d bytes, want about %d", got, base)
	}
	if h, scans := holdHeap(0); h != nil || scans != 0 {
		t.Fatal("-hold 0 holds a heap")
	}
}
