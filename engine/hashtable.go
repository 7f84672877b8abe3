package engine

import "unicode/utf16"

// The API renders its field errors with Java's Map.toString(), and public
// samples match java.util.Hashtable's iteration order: capacity 11, bucket
// (hashCode & 0x7FFFFFFF) % capacity, buckets walked from the highest down,
// newest entry first within a bucket, and a rehash to 2n+1 buckets once the
// count reaches capacity × 0.75. hashtableOrder replays those steps.
// TestHashtableOrder holds it to the output of a real JVM.

// javaHashCode is java.lang.String.hashCode: s[0]*31^(n-1) + … over the
// string's UTF-16 code units, in 32-bit wrapping arithmetic.
func javaHashCode(s string) int32 {
	var h int32
	for _, r := range s {
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			h = 31*h + hi
			h = 31*h + lo
			continue
		}
		h = 31*h + r
	}
	return h
}

// hashtableOrder returns the indexes of keys in the order Hashtable.toString
// prints them, after put(keys[0]), put(keys[1]), … A key put again keeps its
// place.
func hashtableOrder(keys []string) []int {
	const loadFactor = float32(0.75)
	type entry struct {
		hash int32
		idx  int
	}
	capacity := 11
	threshold := int(float32(capacity) * loadFactor)
	buckets := make([][]entry, capacity) // each chain head first
	count := 0
	bucketOf := func(h int32, n int) int { return int(h&0x7FFFFFFF) % n }
	for i, k := range keys {
		h := javaHashCode(k)
		dup := false
		for _, e := range buckets[bucketOf(h, capacity)] {
			if e.hash == h && keys[e.idx] == k {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if count >= threshold {
			// rehash: walk the old buckets from the highest, each chain head
			// to tail, pushing every entry onto the head of its new chain.
			newCap := capacity*2 + 1
			nb := make([][]entry, newCap)
			for b := capacity - 1; b >= 0; b-- {
				for _, e := range buckets[b] {
					j := bucketOf(e.hash, newCap)
					nb[j] = append([]entry{e}, nb[j]...)
				}
			}
			buckets, capacity = nb, newCap
			threshold = int(float32(capacity) * loadFactor)
		}
		j := bucketOf(h, capacity)
		buckets[j] = append([]entry{{h, i}}, buckets[j]...)
		count++
	}
	order := make([]int, 0, count)
	for b := capacity - 1; b >= 0; b-- {
		for _, e := range buckets[b] {
			order = append(order, e.idx)
		}
	}
	return order
}
