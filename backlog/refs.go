package backlog

import "strconv"

// ObjectiveRef formats an objective ID: "O-3".
func ObjectiveRef(id int) string { return "O-" + strconv.Itoa(id) }

// ParseObjectiveRef accepts "O-3", "o3" or "3".
func ParseObjectiveRef(s string) (int, error) { return parseRef(s, "O", "objective") }

// KRRef formats a key result ID: "KR-4".
func KRRef(id int) string { return "KR-" + strconv.Itoa(id) }

// ParseKRRef accepts "KR-4", "kr4" or "4".
func ParseKRRef(s string) (int, error) { return parseRef(s, "KR", "key result") }
