// Package store is huddle's application API and the only code that imports bbolt.
// The TUI, the CLI and (later) every SSH session call it; it keeps the team's
// shared state in one bbolt file and applies the domain rules from backlog,
// sprint and retro inside write transactions.
//
// Every write is one bbolt Update transaction that loads what it needs, checks
// the actor's role and the domain rule, saves, and appends an Event to the
// append-only event log. After the commit the events are published to
// subscribers (see Subscribe). Reads are short View transactions that copy values
// out; no transaction is ever held while waiting on a person.
//
// # Bucket tree
//
// Integer IDs are 8-byte big-endian keys from the owning bucket's NextSequence.
// Values are JSON documents of the domain types.
//
//	meta/
//	    schema      -> uint64 big-endian schema version (see migrations)
//	    format      -> "huddle team file"        (the marker, from schema 2; see recognise)
//	team/
//	    team        -> backlog.Team
//	members/
//	    <handle>    -> backlog.Member
//	keys/
//	    <"type data"> -> member handle          (index of SSH public keys)
//	objectives/
//	    <id>        -> backlog.Objective
//	keyresults/
//	    <id>        -> backlog.KeyResult
//	stories/
//	    <id>        -> backlog.Story             (deleted ones kept, status "deleted")
//	story_rank/
//	    <rank> 0x00 <id> -> nil                  (index: backlog order; listed stories only)
//	sprints/
//	    <id>        -> sprint.Sprint             (a closed one with the calendar it closed with)
//	comments/                                   (schema 6; see comments.go)
//	    s<story><id> | t<task><id> -> backlog.Comment
//	    m<handle>               -> how far the member has seen their mentions
//	calendar/                                   (schema 5; see calendar.go)
//	    holiday/<date>          -> sprint.Holiday   (a day nobody works)
//	    off/<handle>/<from>     -> sprint.DayOff    (one stretch of a member's days off)
//	tasks/
//	    <id>        -> sprint.Task
//	sprint_tasks/
//	    <sprint id><task id> -> nil              (index: tasks of a sprint)
//	notes/
//	    <date> 0x00 <handle> -> sprint.Note     (stand-up answers, written ahead)
//	standups/
//	    <date>      -> sprint.Standup            (one round per team per day, with its parking lot)
//	    settings    -> sprint.StandupSettings    (questions, budget, timebox, order, bell)
//	retro_boards/
//	    <sprint id> -> retro.Board
//	retro_cards/
//	    <id>        -> retro.Card
//	retro_secrets/                              (made with the first anonymous board's card)
//	    <sprint id> -> 32 random bytes           (key of an anonymous board's seats; never read
//	                                             out or exported; dropped when its retro is done)
//	undo/                                       (made with the first card deleted or edited;
//	    'e' <seq>   -> retro.Card                a card before that edit; never exported)
//	    'c' <id>    -> retro.Card                (a deleted card, until restored; see undo.go)
//	    't' <id>    -> sprint.Task               (a deleted task, until restored; see taskbin.go)
//	retro_actions/
//	    <id>        -> retro.Action
//	feedback/
//	    <id>        -> retro.Feedback
//	events/
//	    <seq>       -> Event                     (append-only log)
//	poker/                                      (schema 4)
//	    session     -> backlog.PokerSession      (the running or last estimation session)
//	    <story id><round id> -> backlog.PokerRound (each round: who voted; the cards once revealed)
//	poker_votes/                                (schema 4; never read out, exported or logged)
//	    <story id><handle> -> card               (a card before its round's reveal, which moves it
//	                                             into the round and deletes it here)
//	sprint_events/
//	    <sprint id><seq> -> history value        (index: events of a sprint; the value
//	                                             carries what the burndown reads, see historyValue)
//	burndown/                                   (schema 7; derived, never exported: see burndown_totals.go)
//	    <sprint id> -> sprint.BurndownTotals     (the burndown's state and per-day totals, updated
//	                                             with each event that moves the sprint's work)
//	sprint_stories/                             (schema 7; derived, never exported)
//	    <sprint id><story id> -> (empty)         (index: the stories that name a sprint)
package store
