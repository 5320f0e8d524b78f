package store

import (
	"errors"
	"fmt"
	"sort"

	"huddle/backlog"

	bolt "go.etcd.io/bbolt"
)

// ObjectiveWithKRs is an objective together with its key results.
type ObjectiveWithKRs struct {
	backlog.Objective
	KeyResults []backlog.KeyResult
}

// Progress is the objective's mean key-result progress.
func (o ObjectiveWithKRs) Progress() float64 { return backlog.ObjectiveProgress(o.KeyResults) }

// Objectives lists a quarter's objectives with their key results, in creation order.
func (s *Store) Objectives(q backlog.Quarter) (out []ObjectiveWithKRs, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		out, err = objectivesIn(tx, q)
		return err
	})
	return out, err
}

// objectivesIn is Objectives inside a read.
func objectivesIn(tx *bolt.Tx, q backlog.Quarter) ([]ObjectiveWithKRs, error) {
	var out []ObjectiveWithKRs
	err := func() error {
		byID := map[int]int{}
		err := tx.Bucket(bucketObjectives).ForEach(func(k, v []byte) error {
			var o backlog.Objective
			if _, err := get(tx.Bucket(bucketObjectives), k, &o); err != nil {
				return err
			}
			if q == "" || o.Quarter == q {
				byID[o.ID] = len(out)
				out = append(out, ObjectiveWithKRs{Objective: o})
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketKeyResults).ForEach(func(k, v []byte) error {
			var kr backlog.KeyResult
			if _, err := get(tx.Bucket(bucketKeyResults), k, &kr); err != nil {
				return err
			}
			if i, ok := byID[kr.ObjectiveID]; ok {
				out[i].KeyResults = append(out[i].KeyResults, kr)
			}
			return nil
		})
	}()
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// KeyResult returns one key result.
func (s *Store) KeyResult(id int) (backlog.KeyResult, error) {
	var kr backlog.KeyResult
	err := s.read(func(tx *bolt.Tx) error {
		found, err := get(tx.Bucket(bucketKeyResults), itob(id), &kr)
		if err == nil && !found {
			err = notFound("key result", fmt.Sprintf("KR-%d", id))
		}
		return err
	})
	return kr, err
}

// AddObjective adds a quarterly objective (lead only).
func (s *Store) AddObjective(actor string, q backlog.Quarter, title string) (backlog.Objective, error) {
	o := backlog.Objective{Quarter: q, Title: CleanTitle(title)}
	if o.Title == "" {
		return o, errors.New("an objective needs a title")
	}
	if _, err := backlog.ParseQuarter(string(q)); err != nil {
		return o, err
	}
	err := s.write(actor, leadOnly, "set objectives", func(w *wtx) error {
		b := w.bucket(bucketObjectives)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		o.ID, o.Created = id, w.now
		if err := put(b, itob(id), o); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventObjectiveAdded, Fields: map[string]string{"objective": fmt.Sprint(id)}, Text: eventf("objective added: %s", o.Title)})
	})
	return o, err
}

// AddKeyResult adds a measurable key result to an objective (lead only).
func (s *Store) AddKeyResult(actor string, kr backlog.KeyResult) (backlog.KeyResult, error) {
	kr.Name = CleanTitle(kr.Name)
	kr.Unit = CleanTitle(kr.Unit)
	if err := kr.Validate(); err != nil {
		return kr, err
	}
	err := s.write(actor, leadOnly, "set key results", func(w *wtx) error {
		if w.bucket(bucketObjectives).Get(itob(kr.ObjectiveID)) == nil {
			return notFound("objective", fmt.Sprintf("O-%d", kr.ObjectiveID))
		}
		b := w.bucket(bucketKeyResults)
		id, err := nextID(b)
		if err != nil {
			return err
		}
		kr.ID = id
		if err := put(b, itob(id), kr); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventKRAdded, Fields: map[string]string{"kr": fmt.Sprint(id)}, Text: eventf("key result added: %s", kr.Name)})
	})
	return kr, err
}

// SetKeyResultCurrent records a key result's current value (lead only).
func (s *Store) SetKeyResultCurrent(actor string, id int, current float64) (backlog.KeyResult, error) {
	var kr backlog.KeyResult
	err := s.write(actor, leadOnly, "update key results", func(w *wtx) error {
		b := w.bucket(bucketKeyResults)
		found, err := get(b, itob(id), &kr)
		if err != nil {
			return err
		}
		if !found {
			return notFound("key result", fmt.Sprintf("KR-%d", id))
		}
		old := kr.Current
		kr.Current = current
		if err := put(b, itob(id), kr); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventKRUpdated, Fields: map[string]string{"kr": fmt.Sprint(id), "from": fmt.Sprint(old), "to": fmt.Sprint(current)},
			Text: eventf("%s: %g -> %g %s", kr.Name, old, current, kr.Unit)})
	})
	return kr, err
}

// Event kinds of OKR edits (the added/removed ones are in events.go).
const (
	EventObjectiveEdited EventKind = "objective.edited"
	EventKREdited        EventKind = "kr.edited"
)

// Objective returns one objective with its key results.
func (s *Store) Objective(id int) (ObjectiveWithKRs, error) {
	var out ObjectiveWithKRs
	err := s.read(func(tx *bolt.Tx) error {
		found, err := get(tx.Bucket(bucketObjectives), itob(id), &out.Objective)
		if err != nil {
			return err
		}
		if !found {
			return notFound("objective", fmt.Sprintf("O-%d", id))
		}
		return tx.Bucket(bucketKeyResults).ForEach(func(k, v []byte) error {
			var kr backlog.KeyResult
			if _, err := get(tx.Bucket(bucketKeyResults), k, &kr); err != nil {
				return err
			}
			if kr.ObjectiveID == id {
				out.KeyResults = append(out.KeyResults, kr)
			}
			return nil
		})
	})
	return out, err
}

// EditObjective renames an objective (lead only).
func (s *Store) EditObjective(actor string, id int, title string) (backlog.Objective, error) {
	var o backlog.Objective
	title = CleanTitle(title)
	if title == "" {
		return o, errors.New("an objective needs a title")
	}
	err := s.write(actor, leadOnly, "set objectives", func(w *wtx) error {
		b := w.bucket(bucketObjectives)
		found, err := get(b, itob(id), &o)
		if err != nil {
			return err
		}
		if !found {
			return notFound("objective", fmt.Sprintf("O-%d", id))
		}
		o.Title = title
		if err := put(b, itob(id), o); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventObjectiveEdited, Fields: map[string]string{"objective": fmt.Sprint(id)}, Text: eventf("objective renamed: %s", title)})
	})
	return o, err
}

// RemoveObjective deletes an objective and its key results (lead only). Stories
// that served one of them no longer name a key result; the log keeps the rest.
func (s *Store) RemoveObjective(actor string, id int) error {
	return s.write(actor, leadOnly, "set objectives", func(w *wtx) error {
		var o backlog.Objective
		b := w.bucket(bucketObjectives)
		found, err := get(b, itob(id), &o)
		if err != nil {
			return err
		}
		if !found {
			return notFound("objective", fmt.Sprintf("O-%d", id))
		}
		var krs []int
		err = w.bucket(bucketKeyResults).ForEach(func(k, v []byte) error {
			var kr backlog.KeyResult
			if _, err := get(w.bucket(bucketKeyResults), k, &kr); err != nil {
				return err
			}
			if kr.ObjectiveID == id {
				krs = append(krs, kr.ID)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, kr := range krs {
			if err := removeKR(w, kr); err != nil {
				return err
			}
		}
		if err := b.Delete(itob(id)); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventObjectiveRemoved, Fields: map[string]string{"objective": fmt.Sprint(id)}, Text: eventf("objective removed: %s", o.Title)})
	})
}

// EditKeyResult replaces a key result's name, unit, baseline, target and
// current value (lead only); its objective stays.
func (s *Store) EditKeyResult(actor string, in backlog.KeyResult) (backlog.KeyResult, error) {
	in.Name = CleanTitle(in.Name)
	in.Unit = CleanTitle(in.Unit)
	if err := in.Validate(); err != nil {
		return in, err
	}
	var kr backlog.KeyResult
	err := s.write(actor, leadOnly, "update key results", func(w *wtx) error {
		b := w.bucket(bucketKeyResults)
		found, err := get(b, itob(in.ID), &kr)
		if err != nil {
			return err
		}
		if !found {
			return notFound("key result", fmt.Sprintf("KR-%d", in.ID))
		}
		in.ObjectiveID = kr.ObjectiveID
		kr = in
		if err := put(b, itob(kr.ID), kr); err != nil {
			return err
		}
		return w.emit(Event{Kind: EventKREdited, Fields: map[string]string{"kr": fmt.Sprint(kr.ID), "to": fmt.Sprint(kr.Current)},
			Text: eventf("key result edited: %s (%g -> %g %s, now %g)", kr.Name, kr.Baseline, kr.Target, kr.Unit, kr.Current)})
	})
	return kr, err
}

// RemoveKeyResult deletes a key result (lead only); stories that served it no
// longer name one.
func (s *Store) RemoveKeyResult(actor string, id int) error {
	return s.write(actor, leadOnly, "update key results", func(w *wtx) error {
		return removeKR(w, id)
	})
}

func removeKR(w *wtx, id int) error {
	var kr backlog.KeyResult
	b := w.bucket(bucketKeyResults)
	found, err := get(b, itob(id), &kr)
	if err != nil {
		return err
	}
	if !found {
		return notFound("key result", fmt.Sprintf("KR-%d", id))
	}
	// Unlink the stories that served it.
	sb := w.bucket(bucketStories)
	var linked []backlog.Story
	err = sb.ForEach(func(k, v []byte) error {
		var st backlog.Story
		if _, err := get(sb, k, &st); err != nil {
			return err
		}
		if st.KeyResult == id {
			linked = append(linked, st)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, st := range linked {
		st.KeyResult = 0
		if err := putStory(w.tx, st); err != nil {
			return err
		}
	}
	if err := b.Delete(itob(id)); err != nil {
		return err
	}
	return w.emit(Event{Kind: EventKRRemoved, Fields: map[string]string{"kr": fmt.Sprint(id), "objective": fmt.Sprint(kr.ObjectiveID), "stories": fmt.Sprint(len(linked))},
		Text: eventf("key result removed: %s", kr.Name)})
}

// KRWork says, for every key result, how many stories serve it and how many
// of their points are done. It reads every story (done ones are off the rank index).
func (s *Store) KRWork() (work map[int]backlog.KRWork, err error) {
	err = s.read(func(tx *bolt.Tx) error {
		work, err = krWorkIn(tx)
		return err
	})
	return work, err
}

// krWorkIn is KRWork inside a read.
func krWorkIn(tx *bolt.Tx) (map[int]backlog.KRWork, error) {
	var all []backlog.Story
	sb := tx.Bucket(bucketStories)
	err := sb.ForEach(func(k, v []byte) error {
		var st backlog.Story
		if _, err := get(sb, k, &st); err != nil {
			return err
		}
		all = append(all, st)
		return nil
	})
	return krWorkOf(all), err
}

// krWorkOf is KRWork out of every story.
func krWorkOf(all []backlog.Story) map[int]backlog.KRWork {
	var serving []backlog.Story
	for _, st := range all {
		if st.KeyResult != 0 {
			serving = append(serving, st)
		}
	}
	return backlog.WorkByKR(serving)
}
