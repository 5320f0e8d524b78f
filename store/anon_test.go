package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/retro"

	bolt "go.etcd.io/bbolt"
)

// voters adds n members v01..vNN.
func voters(t *testing.T, st *Store, n int) []string {
	t.Helper()
	var out []string
	for i := 1; i <= n; i++ {
		h := fmt.Sprintf("v%02d", i)
		must[struct{}](t)(struct{}{}, func() error { _, err := st.AddMember("alice", NewMember{Handle: h}); return err }())
		out = append(out, h)
	}
	return out
}

// namesAny reports which of names (or a seat) text mentions.
func namesAny(text string, names []string) string {
	if strings.Contains(text, retro.SeatPrefix) {
		return "a seat"
	}
	for _, n := range names {
		if strings.Contains(text, `"`+n+`"`) || strings.Contains(text, n+" ") {
			return n
		}
	}
	return ""
}

// everythingReadable is every read path of the retro and the log, as JSON.
func everythingReadable(t *testing.T, st *Store, sprintID int, viewers []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(name string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(data)
	}
	for _, v := range append([]string{""}, viewers...) {
		b, cv, err := st.VisibleCards(sprintID, v)
		if err != nil {
			t.Fatal(err)
		}
		add("VisibleCards("+v+")", []any{b, cv})
	}
	add("Cards", must[[]retro.Card](t)(st.Cards(sprintID)))
	// The log's events about cards and votes (others, like adding a member, name people).
	cardEvents := func(evs []Event, err error) []Event {
		if err != nil {
			t.Fatal(err)
		}
		var out []Event
		for _, e := range evs {
			if anonEvent(e.Kind) {
				out = append(out, e)
			}
		}
		return out
	}
	add("SprintEvents", cardEvents(st.SprintEvents(sprintID)))
	add("RecentEvents", cardEvents(st.RecentEvents(1000)))
	add("Events", cardEvents(st.Events(0, 0)))
	add("Report", must[SprintReport](t)(st.Report(sprintID)).Cards)
	// The export, but the members bucket and the events that add members.
	var buf bytes.Buffer
	if err := st.ExportJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var f exportFile
	if err := json.Unmarshal(buf.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	for _, b := range f.Buckets {
		if b.Name == "members" || b.Name == "keys" {
			continue
		}
		for _, r := range b.Records {
			var e Event
			if b.Name == "events" && json.Unmarshal(r.Value, &e) == nil && !anonEvent(e.Kind) {
				continue
			}
			out["export "+b.Name+" "+string(r.Key)] = string(r.Value)
		}
	}
	return out
}

func TestAnonymousRetroNamesNobodyAndBudgetsHoldUnder20RacingVoters(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	people := voters(t, st, 20)
	must[retro.Board](t)(st.CreateRetroBoard("alice", sp.ID, BoardSettings{Anonymous: true, VoteBudget: 3, MaxPerCard: 2}))
	var cards []int
	for i, author := range people[:4] {
		cards = append(cards, must[retro.Card](t)(st.AddCard(author, sp.ID, i%2, fmt.Sprintf("Card %d by someone", i))).ID)
	}
	// Write phase: each author sees their own card's text and no one else's,
	// and no read path (the export included) shows another's hidden card.
	for i, author := range people[:4] {
		_, cv, _ := st.VisibleCards(sp.ID, author)
		for _, v := range cv {
			mine := v.ID == cards[i]
			if mine == v.Hidden || (v.Text != "") != mine || v.Mine != mine {
				t.Errorf("%s sees card %d as %+v", author, v.ID, v)
			}
		}
	}
	for where, text := range everythingReadable(t, st, sp.ID, []string{"alice", "gus"}) {
		if strings.Contains(text, "by someone") && where != "Cards" { // Cards is the store's raw list: no screen or command shows it
			t.Errorf("%s shows a hidden card: %s", where, text)
		}
	}
	// The author can still edit their card: the store knows whose it is.
	must[retro.Card](t)(st.EditCard(people[0], cards[0], -1, "Card 0 by someone, edited"))
	if _, err := st.EditCard(people[1], cards[0], -1, "not mine"); err == nil {
		t.Fatal("someone else edited an anonymous card")
	}
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseVote))

	// 20 voters, each firing 8 votes at once at two cards: budget 3, at most 2 a card.
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := map[string]int{}
	for _, v := range people {
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := st.Vote(v, cards[i%2]); err == nil {
					mu.Lock()
					accepted[v]++
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	total := 0
	for _, v := range people {
		left := must[int](t)(st.VotesLeft(sp.ID, v))
		if accepted[v] != 3 || left != 0 {
			t.Errorf("%s: %d votes accepted, %d left; want 3 and 0", v, accepted[v], left)
		}
		total += accepted[v]
	}
	_, cv, _ := st.VisibleCards(sp.ID, people[5])
	sum, mine := 0, 0
	for _, c := range cv {
		sum += c.TotalVotes()
		mine += c.MyVotes
	}
	if sum != 60 || total != 60 || mine != 3 {
		t.Fatalf("dots on the board %d, accepted %d, %s's own %d; want 60, 60, 3", sum, total, people[5], mine)
	}
	// A vote taken back is one of the voter's own.
	must[retro.Card](t)(st.Unvote(people[5], cards[0]))
	if left := must[int](t)(st.VotesLeft(sp.ID, people[5])); left != 1 {
		t.Fatalf("after an unvote %d left", left)
	}
	check := func(stage string) {
		for where, text := range everythingReadable(t, st, sp.ID, append([]string{"alice", "gus"}, people...)) {
			if who := namesAny(text, people); who != "" {
				t.Errorf("%s: %s names %s: %.300s", stage, where, who, text)
			}
		}
	}
	check("vote phase")

	// Done: the board's key is dropped and the cards keep no seat at all.
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseDone))
	check("done")
	err := st.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketRetroSecrets); b != nil && b.Get(itob(sp.ID)) != nil {
			t.Error("the anonymous board's key outlived its retro")
		}
		// Not even the stored log names them (the reads redact it too, for older files).
		err := tx.Bucket(bucketEvents).ForEach(func(k, v []byte) error {
			var e Event
			if json.Unmarshal(v, &e) == nil && anonEvent(e.Kind) && e.Sprint == sp.ID && (e.Actor != "" || namesAny(string(v), people) != "") {
				t.Errorf("a stored event names a voter or author: %s", v)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketRetroCards).ForEach(func(k, v []byte) error {
			if strings.Contains(string(v), retro.SeatPrefix) || namesAny(string(v), people) != "" {
				t.Errorf("a stored card still ties to a person: %s", v)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	_, cv, _ = st.VisibleCards(sp.ID, "")
	if sum := cv[0].TotalVotes() + cv[1].TotalVotes(); sum != 59 {
		t.Fatalf("after the retro the board has %d dots, want 59", sum)
	}
}

func TestWritePhaseHidesCardsFromEveryReadPath(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Secret until the reveal"))
	for where, text := range everythingReadable(t, st, sp.ID, []string{"alice", "gus"}) {
		if where != "Cards" && (strings.Contains(text, "Secret until") || strings.Contains(text, `"author":"bob"`)) {
			t.Errorf("%s shows bob's hidden card: %s", where, text)
		}
	}
	_, cv, _ := st.VisibleCards(sp.ID, "bob")
	if len(cv) != 1 || cv[0].Text != "Secret until the reveal" {
		t.Fatalf("bob does not see his own card: %+v", cv)
	}
	must[retro.Board](t)(st.SetRetroPhase("alice", sp.ID, retro.PhaseReveal))
	if text := everythingReadable(t, st, sp.ID, nil)["Cards"]; !strings.Contains(text, "Secret until the reveal") {
		t.Fatalf("after the reveal: %s", text)
	}
}

// The anonymous board's secret lives in a bucket of its own: the check at
// open and `check` know it, so the file stays writable and sound (the
// anonymity and the damage checks were written apart and first disagreed).
func TestAnonymousBoardSecretKeepsTheFileSound(t *testing.T) {
	st, _ := newTestStore(t)
	sp, _ := sprintWithTasks(t, st)
	must[retro.Board](t)(st.CreateRetroBoard("alice", sp.ID, BoardSettings{Anonymous: true, VoteBudget: 3, MaxPerCard: 2}))
	must[retro.Card](t)(st.AddCard("bob", sp.ID, 0, "Pairing helped"))
	path := st.path
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if why := again.ReadOnlyReason(); why != "" {
		t.Fatalf("a file with an anonymous board opens read-only: %s", why)
	}
	if problems, err := again.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %q", err, problems)
	}
	must[retro.Card](t)(again.AddCard("bob", sp.ID, 1, "More tests"))
}
