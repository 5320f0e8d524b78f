package ui

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"huddle/backlog"
)

// storyField is one searchable field of a story: its ID, title or a label.
type storyField struct {
	story  int    // index into the stories
	text   string // as shown
	folded string // case-folded, for the quick subsequence test
	scored string // what fuzzy scores: text up to a NUL (see untilNUL)
	ascii  bool   // scored is ASCII (fuzzyScore1 scores it for one letter)
}

// storyFields is what the filter matches against, fields of a story together
// and stories in rank order.
type storyFields []storyField

func newStoryFields(stories []backlog.Story) storyFields {
	out := make(storyFields, 0, len(stories)*3)
	add := func(i int, text string) {
		scored := untilNUL(text)
		out = append(out, storyField{i, text, fold(text), scored, isASCII(scored)})
	}
	for i, st := range stories {
		add(i, st.Ref())
		add(i, st.Title)
		for _, l := range st.Labels {
			add(i, l)
		}
	}
	return out
}

func (f storyFields) Len() int            { return len(f) }
func (f storyFields) String(i int) string { return f[i].text }

// fold maps every rune to one representative of its case-folding orbit (the
// smallest), so that two runes fuzzy's equalFold calls equal fold the same.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	lowest := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		lowest = min(lowest, f)
	}
	if lowest < utf8.RuneSelf && 'A' <= lowest && lowest <= 'Z' {
		lowest += 'a' - 'A'
	}
	return lowest
}

// isSubsequence reports whether every rune of p occurs in s in order: the
// condition for fuzzy to match at all, tested without scoring.
func isSubsequence(p, s string) bool {
	for _, r := range p {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return true
}

// storyMatcher filters the story fields as the filter text grows and shrinks.
// It keeps, for every prefix of the text, the fields that matched it: a field
// can only match a longer text if it matched the shorter one, so each key
// typed scores only the fields still in the running, and backspace goes back
// to a result it already has.
type storyMatcher struct {
	fields storyFields
	stack  []matchStep
}

type matchStep struct {
	query  string
	fields []int // indexes into fields that match query, in field order
	order  []int // the matching stories (indexes into the stories), best first
}

func newStoryMatcher(fields storyFields) storyMatcher { return storyMatcher{fields: fields} }

// Match returns the stories matching q, best match first (ties in field order).
func (m *storyMatcher) Match(q string) []int {
	for len(m.stack) > 0 && !strings.HasPrefix(q, m.stack[len(m.stack)-1].query) {
		m.stack = m.stack[:len(m.stack)-1]
	}
	if n := len(m.stack); n > 0 && m.stack[n-1].query == q {
		return m.stack[n-1].order
	}
	var cands []int
	if n := len(m.stack); n > 0 {
		cands = m.stack[n-1].fields
	}
	fq := fold(q)
	runes := []rune(q)
	// Score every field still in the running (fuzzyScore is fuzzy's scoring
	// without its allocations), then sort (score, field) pairs: best first,
	// ties in field order, as fuzzy.FindFrom orders them.
	type hit struct{ score, field int32 }
	var hits []hit
	one := len(runes) == 1 && runes[0] < utf8.RuneSelf
	keep := func(i int) {
		f := &m.fields[i]
		if one && f.ascii {
			if score, ok := fuzzyScore1(byte(runes[0]), f.scored); ok {
				hits = append(hits, hit{int32(score), int32(i)})
			}
			return
		}
		if !isSubsequence(fq, f.folded) {
			return
		}
		if score, ok := fuzzyScore(runes, f.scored); ok {
			hits = append(hits, hit{int32(score), int32(i)})
		}
	}
	if cands == nil && len(m.stack) == 0 {
		hits = make([]hit, 0, len(m.fields))
		for i := range m.fields {
			keep(i)
		}
	} else {
		hits = make([]hit, 0, len(cands))
		for _, i := range cands {
			keep(i)
		}
	}
	// Fields were scored in field order: keep that order for the next key.
	step := matchStep{query: q, fields: make([]int, len(hits))}
	for j, h := range hits {
		step.fields[j] = int(h.field)
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(a.field, b.field)
	})
	var seen []bool // by story; fields are in story order
	if n := len(m.fields); n > 0 {
		seen = make([]bool, m.fields[n-1].story+1)
	}
	for _, h := range hits {
		if st := m.fields[h.field].story; !seen[st] {
			seen[st] = true
			step.order = append(step.order, st)
		}
	}
	m.stack = append(m.stack, step)
	return step.order
}
