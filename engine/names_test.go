package engine

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNameIndex(t *testing.T) {
	names := []string{"name", "company", "address-line-1", "address-line-2", "address-line-3", "phone", "phone-cc", "fax", "fax-cc", "", "a", "ab"}
	ix := newNameIndex(names)
	for i, n := range names {
		got, ok := ix.lookup(n)
		if n == "" {
			assert.False(t, ok)
			continue
		}
		assert.True(t, ok, n)
		assert.Equal(t, i, got, n)
	}
	for _, n := range []string{"nam", "address-line-4", "Name", "attr-name1", "zzzzzzzz", "b"} {
		_, ok := ix.lookup(n)
		assert.False(t, ok, n)
	}
	big := make([]string, 300)
	for i := range big {
		big[i] = fmt.Sprintf("p%d", i)
	}
	ix = newNameIndex(big)
	for i, n := range big {
		got, ok := ix.lookup(n)
		assert.True(t, ok && got == i, n)
	}
}

// FuzzNameIndex: the index answers as a map of the same names would.
func FuzzNameIndex(f *testing.F) {
	f.Add("name,company,email,zipcode", "zipcode")
	f.Add("a,b,,c", "")
	f.Fuzz(func(t *testing.T, list, probe string) {
		var names []string
		m := map[string]int{}
		start := 0
		for i := 0; i <= len(list); i++ {
			if i == len(list) || list[i] == ',' {
				n := list[start:i]
				if _, dup := m[n]; !dup && n != "" {
					m[n] = len(names)
					names = append(names, n)
				}
				start = i + 1
			}
		}
		ix := newNameIndex(names)
		want, wok := m[probe]
		got, ok := ix.lookup(probe)
		if ok != wok || ok && got != want {
			t.Fatalf("lookup(%q) = %d, %v; map says %d, %v", probe, got, ok, want, wok)
		}
	})
}
