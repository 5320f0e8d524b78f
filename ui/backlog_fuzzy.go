package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The scoring of github.com/sahilm/fuzzy (v0.1.3, FindFromIterNoSort),
// for one candidate and without building its Match (a slice of matched
// indexes per candidate): the same bonuses, penalties and greedy walk, so
// the same score. TestFuzzyScoreIsFuzzys holds it to the library's.
const (
	fzFirstCharMatchBonus            = 10
	fzMatchFollowingSeparatorBonus   = 20
	fzCamelCaseMatchBonus            = 20
	fzAdjacentMatchBonus             = 5
	fzUnmatchedLeadingCharPenalty    = -5
	fzMaxUnmatchedLeadingCharPenalty = -15
)

// fuzzyScore is fuzzy's score of s for the pattern runes, and whether every
// rune of the pattern matched. fuzzy stops at a NUL: so must the caller
// (untilNUL).
func fuzzyScore(runes []rune, s string) (total int, ok bool) {
	if len(runes) == 0 {
		return 0, false
	}
	matched, lastMatch := 0, 0
	score, patternIndex, bestScore, matchedIndex, currAdjacent := 0, 0, -1, -1, 0
	var last rune
	var lastIndex int
	nextc, nextSize := utf8.DecodeRuneInString(s)
	var candidate rune
	var candidateSize int
	for j := 0; j < len(s); j += candidateSize {
		candidate, candidateSize = nextc, nextSize
		if fzEqualFold(candidate, runes[patternIndex]) {
			score = 0
			if j == 0 {
				score += fzFirstCharMatchBonus
			}
			if unicode.IsLower(last) && unicode.IsUpper(candidate) {
				score += fzCamelCaseMatchBonus
			}
			if j != 0 && fzIsSeparator(last) {
				score += fzMatchFollowingSeparatorBonus
			}
			if matched > 0 {
				bonus := 0
				if lastMatch == lastIndex {
					bonus = currAdjacent*2 + fzAdjacentMatchBonus
				}
				score += bonus
				currAdjacent += bonus
			}
			if score > bestScore {
				bestScore = score
				matchedIndex = j
			}
		}
		var nextp rune
		if patternIndex < len(runes)-1 {
			nextp = runes[patternIndex+1]
		}
		if j+candidateSize < len(s) {
			if s[j+candidateSize] < utf8.RuneSelf {
				nextc, nextSize = rune(s[j+candidateSize]), 1
			} else {
				nextc, nextSize = utf8.DecodeRuneInString(s[j+candidateSize:])
			}
		} else {
			nextc, nextSize = 0, 0
		}
		if (fzEqualFold(nextp, nextc) || nextc == 0) && matchedIndex > -1 {
			if matched == 0 {
				bestScore += max(matchedIndex*fzUnmatchedLeadingCharPenalty, fzMaxUnmatchedLeadingCharPenalty)
			}
			total += bestScore
			matched++
			lastMatch = matchedIndex
			score, bestScore = 0, -1
			patternIndex++
		}
		lastIndex = j
		last = candidate
	}
	total += matched - len(s)
	return total, matched == len(runes)
}

// untilNUL is s up to its first NUL, which fuzzy matches up to.
func untilNUL(s string) string {
	if i := strings.IndexByte(s, 0); i > -1 {
		return s[:i]
	}
	return s
}

// fzEqualFold is fuzzy's equalFold (strings.EqualFold for one rune).
func fzEqualFold(tr, sr rune) bool {
	if tr == sr {
		return true
	}
	if tr|sr < utf8.RuneSelf { // both ASCII: the same letter in two cases
		c := tr | 0x20
		return c == sr|0x20 && 'a' <= c && c <= 'z'
	}
	if tr < sr {
		tr, sr = sr, tr
	}
	if tr < utf8.RuneSelf {
		return 'A' <= sr && sr <= 'Z' && tr == sr+'a'-'A'
	}
	r := unicode.SimpleFold(sr)
	for r != sr && r < tr {
		r = unicode.SimpleFold(r)
	}
	return r == tr
}

func fzIsSeparator(r rune) bool {
	switch r {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}

// fuzzyScore1 is fuzzyScore for a one-letter pattern p (ASCII) over ASCII
// text s (the first key typed into the filter, which scores every field of
// the backlog): with one letter fuzzy's walk keeps the first of the best
// placed occurrences, so only the occurrences are looked at.
// TestFuzzyScore1IsFuzzyScore holds it to fuzzyScore.
func fuzzyScore1(p byte, s string) (total int, ok bool) {
	lo, up := p, p
	if 'A' <= p && p <= 'Z' {
		lo = p + 'a' - 'A'
	}
	if 'a' <= lo && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	best, at := -1, -1
	for j := 0; j < len(s); j++ {
		i := strings.IndexByte(s[j:], lo)
		if up != lo {
			if k := strings.IndexByte(s[j:], up); k >= 0 && (i < 0 || k < i) {
				i = k
			}
		}
		if i < 0 {
			break
		}
		j += i
		score := 0
		if j == 0 {
			score = fzFirstCharMatchBonus
		} else {
			last, c := s[j-1], s[j]
			if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
				score += fzCamelCaseMatchBonus
			}
			if fzIsSeparator(rune(last)) {
				score += fzMatchFollowingSeparatorBonus
			}
		}
		if score > best {
			best, at = score, j
		}
	}
	if at < 0 {
		return -len(s), false
	}
	best += max(at*fzUnmatchedLeadingCharPenalty, fzMaxUnmatchedLeadingCharPenalty)
	return best + 1 - len(s), true
}
