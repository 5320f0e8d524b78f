package backlog

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxComment is the longest comment, in characters.
const MaxComment = 2000

// Comment is one remark on a story or a task.
type Comment struct {
	ID       int       `json:"id"`
	Story    int       `json:"story,omitempty"` // the story it is on, or the task's story
	Task     int       `json:"task,omitempty"`  // the task it is on (0: on the story)
	Author   string    `json:"author"`
	At       time.Time `json:"at"`
	Text     string    `json:"text"`
	Mentions []string  `json:"mentions,omitempty"` // handles of team members named with @
	// In is set when this is no comment but an @mention written into a
	// story's "title", "description" or "acceptance", or a "task" title:
	// Text is then that text.
	In string `json:"in,omitempty"`
}

// ValidateComment checks a comment's text (already cleaned).
func ValidateComment(text string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New("a comment needs some text")
	}
	if n := utf8.RuneCountInString(text); n > MaxComment {
		return errors.New("a comment is at most 2000 characters")
	}
	return nil
}

// Mentions are the handles named in text with @handle, in order, each once,
// that isMember knows (an e-mail address is not a mention: the @ must start a
// word).
func Mentions(text string, isMember func(string) bool) []string {
	var out []string
	seen := map[string]bool{}
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		if rs[i] != '@' || (i > 0 && handleRune(rs[i-1])) {
			continue
		}
		j := i + 1
		for j < len(rs) && handleRune(rs[j]) {
			j++
		}
		h := strings.ToLower(strings.TrimRight(string(rs[i+1:j]), ".-"))
		if h != "" && !seen[h] && isMember(h) {
			seen[h] = true
			out = append(out, h)
		}
		i = j - 1
	}
	return out
}

func handleRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.'
}

// MentionSpans are the byte ranges [start, end) of "@handle" in text for one
// handle: what a screen highlights for that person.
func MentionSpans(text, handle string) [][2]int {
	var out [][2]int
	if handle == "" {
		return nil
	}
	needle := "@" + handle
	lower := strings.ToLower(text)
	for off := 0; ; {
		i := strings.Index(lower[off:], needle)
		if i < 0 {
			return out
		}
		s, e := off+i, off+i+len(needle)
		before, _ := utf8.DecodeLastRuneInString(text[:s])
		after, _ := utf8.DecodeRuneInString(text[e:])
		if (s == 0 || !handleRune(before)) && (e == len(text) || !handleRune(after) || after == '.') {
			out = append(out, [2]int{s, e})
		}
		off = e
	}
}
