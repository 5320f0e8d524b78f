package backlog

import "strings"

// Backlog order is kept as fractional rank keys: strings that sort in backlog
// order, where a key can always be made between any two neighbours. Moving one
// story then changes that story's key alone, never renumbering the rest.
//
// The scheme is David Greenspan's "fractional indexing": a key is an integer
// part, whose first character also encodes its length ('a' = one digit, 'b' =
// two... and 'Z', 'Y'... for negatives), followed by an optional fraction.
// Adding at either end increments or decrements the integer, so keys grow
// logarithmically (10,000 appends give 4-character keys); inserting between
// neighbours extends the fraction.

const rankDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// smallestInteger is reserved so that there is always room before any key.
const smallestInteger = "A00000000000000000000000000"

// RankBetween returns a key that sorts strictly after a and strictly before b.
// An empty a means "before everything", an empty b "after everything".
func RankBetween(a, b string) string {
	if a != "" && b != "" && a >= b {
		// Callers pass neighbours in order; recover by placing after a.
		return RankBetween(a, "")
	}
	switch {
	case a == "" && b == "":
		return "a0"
	case a == "":
		ib := integerPart(b)
		fb := b[len(ib):]
		if ib == smallestInteger {
			return ib + midpoint("", fb)
		}
		if ib < b {
			return ib
		}
		if d, ok := decrementInteger(ib); ok {
			return d
		}
		return ib + midpoint("", fb)
	case b == "":
		ia := integerPart(a)
		if i, ok := incrementInteger(ia); ok {
			return i
		}
		return ia + midpoint(a[len(ia):], "")
	}
	ia, ib := integerPart(a), integerPart(b)
	fa, fb := a[len(ia):], b[len(ib):]
	if ia == ib {
		return ia + midpoint(fa, fb)
	}
	if i, ok := incrementInteger(ia); ok && i < b {
		return i
	}
	return ia + midpoint(fa, "")
}

// RankAfter returns a key after a (the new bottom of the backlog).
func RankAfter(a string) string { return RankBetween(a, "") }

// RankBefore returns a key before b (the new top of the backlog).
func RankBefore(b string) string { return RankBetween("", b) }

func integerLength(head byte) int {
	switch {
	case head >= 'a' && head <= 'z':
		return int(head-'a') + 2
	case head >= 'A' && head <= 'Z':
		return int('Z'-head) + 2
	}
	return 1
}

// integerPart returns the integer prefix of a key (the whole key if malformed).
func integerPart(key string) string {
	n := integerLength(key[0])
	if n > len(key) {
		return key
	}
	return key[:n]
}

func incrementInteger(x string) (string, bool) {
	head, digs := x[0], []byte(x[1:])
	carry := true
	for i := len(digs) - 1; carry && i >= 0; i-- {
		d := strings.IndexByte(rankDigits, digs[i]) + 1
		if d == len(rankDigits) {
			digs[i] = '0'
		} else {
			digs[i] = rankDigits[d]
			carry = false
		}
	}
	if !carry {
		return string(head) + string(digs), true
	}
	switch head {
	case 'Z':
		return "a0", true
	case 'z':
		return "", false
	}
	h := head + 1
	if h > 'a' {
		digs = append(digs, '0')
	} else {
		digs = digs[:len(digs)-1]
	}
	return string(h) + string(digs), true
}

func decrementInteger(x string) (string, bool) {
	head, digs := x[0], []byte(x[1:])
	borrow := true
	for i := len(digs) - 1; borrow && i >= 0; i-- {
		d := strings.IndexByte(rankDigits, digs[i]) - 1
		if d == -1 {
			digs[i] = rankDigits[len(rankDigits)-1]
		} else {
			digs[i] = rankDigits[d]
			borrow = false
		}
	}
	if !borrow {
		return string(head) + string(digs), true
	}
	switch head {
	case 'a':
		return "Zz", true
	case 'A':
		return "", false
	}
	h := head - 1
	if h < 'Z' {
		digs = append(digs, 'z')
	} else {
		digs = digs[:len(digs)-1]
	}
	return string(h) + string(digs), true
}

// midpoint returns a fraction strictly between fractions a and b (b empty =
// 1.0). Fractions never end in '0', which keeps the space dense.
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
