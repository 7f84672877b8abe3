package suggest

import "math/bits"

// Index is a list of candidates prepared for Closest: each with its
// length and the set of bytes it holds, so that a name no candidate is
// near enough to costs no edit distance, and no allocation. A request's
// TLD without rules of its own (com, net) is asked for a near name on
// every request, and nearly always has none.
type Index struct {
	names []string
	sets  []uint64 // bytes held, case-folded, as bits (see byteSet)
}

// NewIndex prepares candidates, in their order of preference (the first
// of equally near ones is suggested, as Closest does).
func NewIndex(candidates []string) *Index {
	ix := &Index{names: candidates, sets: make([]uint64, len(candidates))}
	for i, c := range candidates {
		ix.sets[i] = byteSet(c)
	}
	return ix
}

// Closest is Closest(name, candidates).
func (ix *Index) Closest(name string) string {
	if ix == nil || len(name) == 0 || len(name) > maxLen {
		return ""
	}
	set := byteSet(name)
	best, bestD := "", maxEdits+1
	for i, c := range ix.names {
		if len(c) > maxLen {
			continue
		}
		// Each byte one name holds and the other lacks costs an edit at
		// least, and so does each byte of length between them: names
		// too far apart by these are not compared.
		k := budget(len(name), len(c))
		if abs(len(name)-len(c)) > k || bits.OnesCount64(set&^ix.sets[i]) > k || bits.OnesCount64(ix.sets[i]&^set) > k {
			continue
		}
		d := distance(name, c)
		if near(d, name, c) && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// byteSet is the set of s's bytes, ASCII letters folded to lower case, as
// bits of a word (bytes 64 apart share a bit: the set is coarser, never
// missing a byte, so a byte it says one name lacks the other lacks).
func byteSet(s string) uint64 {
	var set uint64
	for i := 0; i < len(s); i++ {
		set |= 1 << (lower(s[i]) & 63)
	}
	return set
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
