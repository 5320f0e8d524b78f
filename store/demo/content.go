package demo

import "fmt"

// content is the demo team's words and plan: who is on it, what they aim at,
// their stories, tasks, notes and cards. english is Create's team; chinese is
// the same team and the same plan, written in Chinese.
type content struct {
	teamName, leadName, vision string
	members                    []memberSpec
	objectives                 []objectiveSpec
	initialStories             []storySpec
	scopeStory                 storySpec
	feedbackStories            []storySpec
	sprintNames                [2]string // "" leaves the store's "Sprint N"
	sprint1Goal, sprint2Goal   string
	sprint1Tasks, sprint2Tasks []taskSpec
	scopeTask                  taskSpec
	retroCards                 []cardSpec
	retroActions               []actionSpec
	notes                      []noteSpec
	parked                     string // the blocker parked at a past stand-up
	lang                       string // every member's language setting ("" none)
}

func english() content {
	return content{
		teamName: teamName, leadName: leadName, vision: vision,
		members: memberSpecs, objectives: objectiveSpecs,
		initialStories: initialStories, scopeStory: scopeStory, feedbackStories: feedbackStories,
		sprint1Goal: sprint1Goal, sprint2Goal: sprint2Goal,
		sprint1Tasks: sprint1Tasks, sprint2Tasks: sprint2Tasks, scopeTask: scopeTask,
		retroCards: retroCards, retroActions: retroActions, notes: notes,
		parked: "Gateway sandbox keys expire every week",
	}
}

// translated is english with every text a person reads put through zh
// (copies: the English tables stay as they are). Text that is already Chinese
// stays; any other text zh lacks is an error, so nothing English is left.
func translated(zh map[string]string) (content, error) {
	e := english()
	var missing []string
	tr := func(s string) string {
		if s == "" || hasHan(s) {
			return s
		}
		if t, ok := zh[s]; ok {
			return t
		}
		missing = append(missing, s)
		return s
	}
	story := func(sp storySpec) storySpec {
		sp.title, sp.desc, sp.accept = tr(sp.title), tr(sp.desc), tr(sp.accept)
		return sp
	}
	stories := func(in []storySpec) []storySpec {
		out := make([]storySpec, len(in))
		for i, sp := range in {
			out[i] = story(sp)
		}
		return out
	}
	task := func(t taskSpec) taskSpec {
		t.title, t.reason = tr(t.title), tr(t.reason)
		return t
	}
	tasks := func(in []taskSpec) []taskSpec {
		out := make([]taskSpec, len(in))
		for i, t := range in {
			out[i] = task(t)
		}
		return out
	}
	c := content{
		teamName: tr(e.teamName), leadName: tr(e.leadName), vision: tr(e.vision),
		initialStories: stories(e.initialStories), scopeStory: story(e.scopeStory), feedbackStories: stories(e.feedbackStories),
		sprint1Goal: tr(e.sprint1Goal), sprint2Goal: tr(e.sprint2Goal),
		sprint1Tasks: tasks(e.sprint1Tasks), sprint2Tasks: tasks(e.sprint2Tasks), scopeTask: task(e.scopeTask),
		parked: tr(e.parked),
	}
	for _, m := range e.members {
		m.name = tr(m.name)
		c.members = append(c.members, m)
	}
	for _, o := range e.objectives {
		o.title = tr(o.title)
		krs := make([]krSpec, len(o.krs))
		for i, k := range o.krs {
			k.name = tr(k.name)
			if k.unit != "%" {
				k.unit = tr(k.unit)
			}
			krs[i] = k
		}
		o.krs = krs
		c.objectives = append(c.objectives, o)
	}
	for _, card := range e.retroCards {
		card.text = tr(card.text)
		c.retroCards = append(c.retroCards, card)
	}
	for _, a := range e.retroActions {
		a.text = tr(a.text)
		c.retroActions = append(c.retroActions, a)
	}
	for _, n := range e.notes {
		n.yesterday, n.today, n.blocks = tr(n.yesterday), tr(n.today), tr(n.blocks)
		c.notes = append(c.notes, n)
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("demo: %d texts have no Chinese, the first %q", len(missing), missing[0])
	}
	return c, nil
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
