package serve

import (
	"io"
	"testing"
)

// A terminal that answers the colour query after the wait ended: its answer
// is dropped, never read as keys (ESC ] 1 1 ; r g b ... would be typed text).
func TestLateColourAnswerIsNotTypedIn(t *testing.T) {
	r, w := io.Pipe()
	k := newKeyReader(r)
	defer k.close()
	k.lateAnswer = true
	go func() {
		w.Write([]byte("\x1b]11;rgb:ffff/ffff/ffff\x07"))
		w.Write([]byte("\x1b[?62;22c"))
		w.Write([]byte("jd"))
		w.Close()
	}()
	got, err := io.ReadAll(k)
	if err != nil || string(got) != "jd" {
		t.Fatalf("read %q, %v; want only the keys typed", got, err)
	}
}
