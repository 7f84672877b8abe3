// Package suggest finds the closest known name to a misspelt one, for
// "did you mean" hints in diagnostics and violations.
package suggest

import "strconv"

// maxLen bounds the names compared: edit distance is quadratic, and a name
// longer than this is not a typo of a short identifier.
const maxLen = 64

// Closest returns the candidate nearest to name by edit distance, when it
// is near enough to be a plausible typo (at most 2 edits, and fewer than
// half the name), or "".
func Closest(name string, candidates []string) string {
	if len(name) == 0 || len(name) > maxLen {
		return ""
	}
	best, bestD := "", 3
	for _, c := range candidates {
		if len(c) > maxLen {
			continue
		}
		d := distance(name, c)
		if near(d, name, c) && d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// near reports whether names d edits apart are near enough to suggest one
// for the other: at most 2 edits, and fewer than half the longer name.
func near(d int, a, b string) bool { return d <= maxEdits && 2*d < max(len(a), len(b)) }

const maxEdits = 2

// budget is the most edits between names of lengths la and lb that near
// allows.
func budget(la, lb int) int { return min(maxEdits, (max(la, lb)-1)/2) }

// distance is the Levenshtein distance over bytes, case-insensitive for
// ASCII letters. Its rows live on the stack (names are at most maxLen).
func distance(a, b string) int {
	var rows [2][maxLen + 1]int
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if lower(a[i-1]) == lower(b[j-1]) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Hint is `; did you mean "x"?` for the closest candidate, or "": the
// tail of a diagnostic or error message.
func Hint(name string, candidates []string) string {
	if s := Closest(name, candidates); s != "" {
		return "; did you mean " + strconv.Quote(s) + "?"
	}
	return ""
}

// ParenHint is ` (did you mean x?)` for the closest candidate, or "": the
// tail of a violation's message.
func ParenHint(name string, candidates []string) string {
	if s := Closest(name, candidates); s != "" {
		return " (did you mean " + s + "?)"
	}
	return ""
}
