package engine

// nameIndex maps a fixed set of names (a command's parameters, the
// contact types, the TLDs) to small integers. It is built once at compile
// time and read on every request, where it replaces Go maps: a cheap hash
// of the length and three bytes, linear probing, one string comparison.
type nameIndex struct {
	mask  uint32
	names []string // by slot; "" is empty
	vals  []int32
}

func newNameIndex(names []string) *nameIndex {
	size := uint32(8)
	for size < uint32(2*len(names)) {
		size *= 2
	}
	ix := &nameIndex{mask: size - 1, names: make([]string, size), vals: make([]int32, size)}
	for i, n := range names {
		if n == "" {
			continue
		}
		j := nameHash(n) & ix.mask
		for ix.names[j] != "" && ix.names[j] != n {
			j = (j + 1) & ix.mask
		}
		ix.names[j], ix.vals[j] = n, int32(i)
	}
	return ix
}

func nameHash(s string) uint32 {
	n := uint32(len(s))
	if n == 0 {
		return 0
	}
	return n*0x9E3779B1 ^ uint32(s[0])*0x85EBCA6B ^ uint32(s[n-1])*0xC2B2AE35 ^ uint32(s[n/2])*0x27D4EB2F
}

// lookup returns the index given to name, and whether it has one.
func (ix *nameIndex) lookup(name string) (int, bool) {
	if name == "" {
		return 0, false
	}
	j := nameHash(name) & ix.mask
	for {
		n := ix.names[j]
		if n == "" {
			return 0, false
		}
		if n == name {
			return int(ix.vals[j]), true
		}
		j = (j + 1) & ix.mask
	}
}
