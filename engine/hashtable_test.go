package engine

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testdata/hashtable/golden.txt was printed by a real JVM
// (testdata/hashtable/HashtableOrder.java): for 1 to 30 keys put forwards
// and backwards (three rehashes), non-ASCII keys, and the spec's sample.
func TestHashtableOrder(t *testing.T) {
	f, err := os.Open("testdata/hashtable/golden.txt")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		require.Len(t, cols, 4)
		in, want := strings.Split(cols[1], ","), strings.Split(cols[2], ",")
		var got []string
		for _, i := range hashtableOrder(in) {
			got = append(got, in[i])
		}
		assert.Equal(t, want, got, "%s %s", cols[0], cols[1])
		n++
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, 63, n)
}

func TestJavaHashCode(t *testing.T) {
	// Values from Java's "…".hashCode().
	assert.Equal(t, int32(0), javaHashCode(""))
	assert.Equal(t, int32(120609), javaHashCode("zip"))
	assert.Equal(t, int32(-1429084036), javaHashCode("telnocc"))
	assert.Equal(t, int32(3373707), javaHashCode("name"))
}

func TestHashtableOrderRepeatedKey(t *testing.T) {
	keys := []string{"zip", "telnocc", "zip"}
	assert.Equal(t, []int{1, 0}, hashtableOrder(keys))
	assert.Empty(t, hashtableOrder(nil))
}
