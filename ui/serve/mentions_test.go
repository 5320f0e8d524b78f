package serve

import "testing"

// A comment with a mention written by one member over SSH reaches the
// mentioned member's open SSH session at once: their header says so, @ lists
// it, and it is marked seen.
func TestAMentionReachesTheMentionedMemberOverSSH(t *testing.T) {
	ts := startServer(t, 0, nil)
	tomas := ts.openTerm(t, ts.keys["tomas"])
	tomas.landed(t)
	wei := ts.openTerm(t, ts.keys["wei"])
	m := wei.landed(t)
	wei.typeKeys(t, "2")
	wei.waitFor(t, m, "[2 Backlog]", wait)
	m = wei.mark()
	wei.typeKeys(t, "\r")
	wei.waitFor(t, m, "C comment", wait)
	m = wei.mark()
	wei.typeKeys(t, "C")
	wei.waitFor(t, m, "Comment on S-", wait)
	mt := tomas.mark()
	wei.typeKeys(t, "ready for review, @tomas\r")
	wei.waitFor(t, m, "mentions tomas", wait)

	tomas.waitFor(t, mt, "1 new mention (@)", wait)
	mt = tomas.mark()
	tomas.typeKeys(t, "@")
	tomas.waitFor(t, mt, "ready for review, @tomas", wait)
	if !eventually(wait, func() bool {
		ms, err := ts.st.MentionsOf("tomas")
		return err == nil && ms.New == 0 && len(ms.Comments) == 1
	}) {
		ms, err := ts.st.MentionsOf("tomas")
		t.Fatalf("tomas's mentions after he saw them: %+v %v", ms, err)
	}
}
