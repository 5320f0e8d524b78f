package store

// Anonymous retros. On an anonymous board a card's author and a vote's voter
// are stored as a seat (retro.SeatPrefix + a keyed hash of the handle), keyed
// by a random secret of that board. The secret lives in its own bucket, which
// no read path and no export shows; with it the store recognises a person's
// own cards and enforces their vote budget, and nobody can turn a seat back
// into a name. When the retro is done the secret is dropped and every card is
// anonymized (no author, the dots as one count), so even the file no longer
// ties a card or a vote to a person. Events about cards and votes on an
// anonymous board carry no actor and no name.

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"huddle/retro"

	bolt "go.etcd.io/bbolt"
)

// bucketRetroSecrets holds, by sprint ID, the 32 random bytes that key an
// anonymous board's seats (never read out or exported; see the package comment).
var bucketRetroSecrets = []byte("retro_secrets")

// boardSecret returns an anonymous board's secret, making it when create is
// set and there is none.
func boardSecret(tx *bolt.Tx, sprintID int, create bool) ([]byte, error) {
	if b := tx.Bucket(bucketRetroSecrets); b != nil {
		if v := b.Get(itob(sprintID)); v != nil {
			return append([]byte(nil), v...), nil
		}
	}
	if !create {
		return nil, nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketRetroSecrets)
	if err != nil {
		return nil, err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("cannot make the anonymous board's key: %v", err)
	}
	return secret, b.Put(itob(sprintID), secret)
}

// seatOf is who handle is on board: the handle itself, or on an anonymous
// board its seat. A read (create false) on a board without a secret gets ""
// (nobody has a seat there yet).
func seatOf(tx *bolt.Tx, board retro.Board, handle string, create bool) (string, error) {
	if !board.Anonymous || handle == "" {
		return handle, nil
	}
	secret, err := boardSecret(tx, board.Sprint, create)
	if err != nil || secret == nil {
		return "", err
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(handle))
	return retro.SeatPrefix + hex.EncodeToString(mac.Sum(nil)[:12]), nil
}

// endAnonymity drops an anonymous board's secret and anonymizes its cards
// for good (when its retro is done).
func endAnonymity(tx *bolt.Tx, board retro.Board) error {
	if !board.Anonymous {
		return nil
	}
	if b := tx.Bucket(bucketRetroSecrets); b != nil {
		if err := b.Delete(itob(board.Sprint)); err != nil {
			return err
		}
	}
	cards, err := cardsIn(tx, board.Sprint)
	if err != nil {
		return err
	}
	for _, c := range cards {
		if err := put(tx.Bucket(bucketRetroCards), itob(c.ID), c.Anonymized()); err != nil {
			return err
		}
	}
	return nil
}

// anonymousBoards lists the sprints whose retro board is anonymous.
func anonymousBoards(tx *bolt.Tx) (map[int]bool, error) {
	out := map[int]bool{}
	b := tx.Bucket(bucketRetroBoards)
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var board retro.Board
		if _, err := get(b, k, &board); err != nil {
			return err
		}
		if board.Anonymous {
			out[board.Sprint] = true
		}
		return nil
	})
	return out, err
}

// anonEvent says whether an event kind is about a card's author or a vote.
func anonEvent(k EventKind) bool {
	switch k {
	case EventRetroCardAdded, EventRetroCardEdited, EventRetroCardDeleted, EventRetroVote, EventRetroUnvote:
		return true
	}
	return false
}

// redactEvent strips who from an event about a card or a vote on an
// anonymous board (events written before anonymity held named people).
func redactEvent(e Event, anon map[int]bool) (Event, bool) {
	if !anon[e.Sprint] || !anonEvent(e.Kind) {
		return e, false
	}
	changed := e.Actor != ""
	e.Actor = ""
	if e.Kind == EventRetroVote || e.Kind == EventRetroUnvote {
		text := voteText(e.Kind, e.Sprint)
		if _, ok := e.Fields["left"]; ok || e.Text != text {
			changed = true
			e.Text = text
			fields := map[string]string{}
			for k, v := range e.Fields {
				if k != "left" {
					fields[k] = v
				}
			}
			e.Fields = fields
		}
	}
	return e, changed
}

// voteText is what a vote event on an anonymous board says.
func voteText(kind EventKind, sprintID int) string {
	if kind == EventRetroUnvote {
		return eventf("a vote was taken back on the #%d retro", sprintID)
	}
	return eventf("a vote was cast on the #%d retro", sprintID)
}

// redactEvents applies redactEvent to events read in tx.
func redactEvents(tx *bolt.Tx, events []Event) ([]Event, error) {
	anon, err := anonymousBoards(tx)
	if err != nil || len(anon) == 0 {
		return events, err
	}
	for i := range events {
		events[i], _ = redactEvent(events[i], anon)
	}
	return events, nil
}

// redactCards anonymizes the cards of an anonymous board for a raw read.
func redactCards(board retro.Board, cards []retro.Card) []retro.Card {
	if !board.Anonymous {
		return cards
	}
	for i := range cards {
		cards[i] = cards[i].Anonymized()
	}
	return cards
}
