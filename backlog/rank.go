package backlog

import "strings"

// Backlog order is kept as fractional rank keys: strings that sort in backlog order,
// where a key can always be made between any two neighbours. Moving one story then
// changes that story's key alone, never renumbering the rest.

const rankDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// RankBetween returns a key that sorts strictly after a and strictly before b.
// An empty a means "before everything", an empty b "after everything".
// Keys made by this function never end in '0', which keeps the space dense.
func RankBetween(a, b string) string {
	if b != "" && a >= b {
		// Callers pass neighbours in order; a key collision is a bug upstream.
		// Fall back to appending after a so the result is still > a.
		return a + rankDigits[len(rankDigits)/2:len(rankDigits)/2+1]
	}
	return midpoint(a, b)
}

func midpoint(a, b string) string {
	if b != "" {
		// Skip the common prefix (a is padded with '0' as it runs out).
		n := 0
		for n < len(b) && digitAt(a, n) == strings.IndexByte(rankDigits, b[n]) {
			n++
		}
		if n > 0 {
			rest := ""
			if n < len(a) {
				rest = a[n:]
			}
			return b[:n] + midpoint(rest, b[n:])
		}
	}
	da := digitAt(a, 0)
	db := len(rankDigits)
	if b != "" {
		db = strings.IndexByte(rankDigits, b[0])
	}
	if db-da > 1 {
		return string(rankDigits[(da+db)/2])
	}
	// The first digits are neighbours.
	if b != "" && len(b) > 1 {
		return b[:1]
	}
	rest := ""
	if len(a) > 1 {
		rest = a[1:]
	}
	return string(rankDigits[da]) + midpoint(rest, "")
}

func digitAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	return strings.IndexByte(rankDigits, s[i])
}

// RankAfter returns a key after a (the new bottom of the backlog).
func RankAfter(a string) string { return RankBetween(a, "") }

// RankBefore returns a key before b (the new top of the backlog).
func RankBefore(b string) string { return RankBetween("", b) }
