package ui

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/sahilm/fuzzy"
)

// TestFuzzyScoreIsFuzzys: the filter's own scoring gives the library's score
// and verdict on every candidate: story titles, IDs, labels, camel case,
// separators, repeated letters, non-ASCII case folding, and random strings.
func TestFuzzyScoreIsFuzzys(t *testing.T) {
	cands := []string{"S-12", "Story number 123 with a realistic title length", "mobile", "The Black Knight",
		"camelCaseWord", "under_score-dash.dot/slash\\back", "aaaa bbbb aaaa", "Ünïcödé ÇASE straße", "", "ab\x00cd", "ΣΑΣ σας"}
	patterns := []string{"n", "s", "num", "12", "tk", "cw", "ab", "aa", "ünï", "SS", "σ", "xyz", "S-1", "b a"}
	r := rand.New(rand.NewPCG(1, 2))
	alpha := []rune("abAB -_.xyzÜü1@`[{K\u212a")
	rnd := func(n int) string {
		out := make([]rune, n)
		for i := range out {
			out[i] = alpha[r.IntN(len(alpha))]
		}
		return string(out)
	}
	for range 300 {
		cands = append(cands, rnd(1+r.IntN(20)))
		patterns = append(patterns, rnd(1+r.IntN(3)))
	}
	compared := 0
	for _, p := range patterns {
		want := map[int]int{}
		for _, m := range fuzzy.FindNoSort(p, cands) {
			want[m.Index] = m.Score
		}
		for i, c := range cands {
			got, ok := fuzzyScore([]rune(p), untilNUL(c))
			w, wok := want[i]
			if ok != wok || (ok && got != w) {
				t.Errorf("%q in %q: score %d, match %v; fuzzy: %d, %v", p, c, got, ok, w, wok)
			}
			if ok {
				compared++
			}
		}
	}
	if compared < 100 {
		t.Fatal(fmt.Sprint("only ", compared, " matches compared"))
	}
}

// TestFuzzyScore1IsFuzzyScore: the one-letter scoring gives fuzzyScore's
// score and verdict for every printable ASCII letter on ASCII text.
func TestFuzzyScore1IsFuzzyScore(t *testing.T) {
	cands := []string{"S-12", "Story number 123 with a realistic title length", "mobile", "The Black Knight", "camelCaseWord",
		"under_score-dash.dot/slash\\back", "aaaa bbbb aaaa", "", "x", "aB", "a-b_c d.e/f\\g", "sSsS"}
	r := rand.New(rand.NewPCG(3, 4))
	alpha := []byte("abAB -_.xyzsS1@`[{kK/\\")
	for range 2000 {
		b := make([]byte, 1+r.IntN(30))
		for i := range b {
			b[i] = alpha[r.IntN(len(alpha))]
		}
		cands = append(cands, string(b))
	}
	matched := 0
	for p := byte(0x20); p < 0x7f; p++ {
		for _, c := range cands {
			got, ok := fuzzyScore1(p, c)
			want, wok := fuzzyScore([]rune{rune(p)}, c)
			if ok != wok || (ok && got != want) {
				t.Fatalf("%q in %q: %d, %v; fuzzyScore: %d, %v", p, c, got, ok, want, wok)
			}
			if ok {
				matched++
			}
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d matches compared", matched)
	}
}
