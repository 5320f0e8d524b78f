package ui

import (
	"slices"
	"strings"
	"sync"

	"huddle/sprint"
	"huddle/ui/common"
	"huddle/ui/i18n"
)

// What the board keeps of what it drew, so that a frame after a change (a
// claim on a board two hundred sessions show) measures and styles only what
// changed: the sprint's summary lines once per load, a story's heading once
// per progress. Cards are kept the same way (card, cardKey).

// boardDrawn is a board screen's drawn heads and story headings.
type boardDrawn struct {
	headKey  headKey
	head     []string
	headings map[headingKey]string
}

// headKey is everything the summary lines depend on.
type headKey struct {
	data  int // the screen's dataGen
	width int
	view  sprintView
	theme common.Theme
	lang  i18n.Lang // the summary's words
}

// headingKey is everything a story's heading depends on.
type headingKey struct {
	story, done, all, width int
	title                   string
	found                   bool // the story is known (else only its ID shows)
	theme                   common.Theme
	lang                    i18n.Lang
}

// head is the sprint's summary above every view (drawHead), drawn once per
// load, width, view and theme. Callers may append to it.
func (s *boardScreen) head() []string {
	k := headKey{s.dataGen, s.c.Width, s.view, s.c.Styles.Theme, s.c.Tr.Lang()}
	if s.drawn.head == nil || s.drawn.headKey != k {
		head := s.drawHead
		if sh := s.data.shared; sh != nil {
			head = func() []string {
				return sh.lines(sharedHeadKey{s.c.Width, s.view, s.c.Styles.Look, s.c.Tr.Lang()}, s.drawHead)
			}
		}
		s.drawn.headKey, s.drawn.head = k, head()
	}
	return slices.Clip(s.drawn.head)
}

// storyHeading is a story's line above its tasks in a column cw cells wide
// (drawStoryHeading), drawn again only when its progress, title or width changed.
func (s *boardScreen) storyHeading(id, cw int) string {
	done, all := sprint.StoryProgress(s.data.tasks, id)
	k := headingKey{story: id, done: done, all: all, width: cw, theme: s.c.Styles.Theme, lang: s.c.Tr.Lang()}
	if story, ok := s.storyOf(id); ok {
		k.title, k.found = story.Title, true
	}
	if line, ok := s.drawn.headings[k]; ok {
		return line
	}
	if len(s.drawn.headings) > 2*len(s.data.plan.Stories)+64 {
		s.drawn.headings = nil // old progress piles up; start again
	}
	if s.drawn.headings == nil {
		s.drawn.headings = map[headingKey]string{}
	}
	line := s.drawStoryHeading(k)
	s.drawn.headings[k] = line
	return line
}

// columnHead is column c's name, with its count, and its rule, cw cells wide:
// the same for every session with the same count, width, selection, look and
// language, drawn once for all of them.
func (s *boardScreen) columnHead(c, cw int) []string {
	draw := func() []string {
		st, tr := s.c.Styles, s.c.Tr
		name := tr.Tf("board.column", "Status", tr.TaskStatus(boardStatus(c)), "N", len(s.cols[c]))
		style := st.Title
		if c == s.col {
			style = style.Underline(true)
		}
		return []string{style.Render(common.Truncate(name, cw)), st.Rule.Render(strings.Repeat("─", cw))}
	}
	if sh := s.data.shared; sh != nil {
		return sh.lines(columnHeadKey{c, len(s.cols[c]), cw, c == s.col, s.c.Styles.Look, s.c.Tr.Lang()}, draw)
	}
	return draw()
}

// columnHeadKey is everything a column's head depends on.
type columnHeadKey struct {
	col, n, width int
	selected      bool
	look          common.Look
	lang          i18n.Lang
}

// sharedCardKey is everything a card depends on besides its session: the
// viewer only when the title may mention someone (mentions of the viewer are
// highlighted for them alone).
type sharedCardKey struct {
	task     sprint.Task
	width    int
	selected bool
	look     common.Look
	lang     i18n.Lang
	viewer   string
}

// boardShared is what every session showing one load of a board (one
// boardMsg, handed to all of them by store.SharedRead) draws alike, drawn
// once for all of them: after a claim on a board two hundred sessions show,
// the sprint's summary, the columns' heads and the claimed task's card are
// drawn once per width, look (common.Look) and language instead of once per
// session. Every key holds all that the drawing depends on besides the shared
// data (a viewer's own mentions included); a session whose data is its own
// (a move shown before it is written) drops it.
type boardShared struct {
	mu    sync.Mutex
	drawn map[any]*sharedLines // by sharedHeadKey, columnHeadKey, sharedCardKey, boardBodyKey
}

// boardBodyKey is everything the board view's whole body depends on besides
// the shared data, for a session showing every task (not only its own) with
// no question open: its size, selection and scroll, look and language, and
// the viewer when a task's title may mention someone.
type boardBodyKey struct {
	width, height int
	col, row      int // the selected column, and the selected task in it
	offset        [boardCols]int
	look          common.Look
	lang          i18n.Lang
	viewer        string
}

// sharedBody is the board view's body drawn once for every session that
// would draw it alike (most sessions after a change: same size, nothing
// scrolled, the first task selected), markers included: they spell zone ids,
// the same in every session (mouse.go). ok is false when this session draws
// its own.
func (s *boardScreen) sharedBody() (string, bool) {
	sh := s.data.shared
	if sh == nil || !s.data.found || s.view != viewBoard || s.mine || s.confirm != nil || s.form != nil || len(s.data.tasks) == 0 {
		return "", false
	}
	k := boardBodyKey{width: s.c.Width, height: s.c.Height, col: s.col, row: s.row[s.col], offset: s.offset,
		look: s.c.Styles.Look, lang: s.c.Tr.Lang()}
	if slices.ContainsFunc(s.data.tasks, func(t sprint.Task) bool { return strings.Contains(t.Title, "@") }) {
		k.viewer = s.c.Actor
	}
	body := sh.lines(k, func() []string {
		return []string{common.Fit(joinLines(s.boardView()), s.c.Width, s.c.Height)}
	})
	return body[0], true
}

// sharedHeadKey is everything drawHead depends on besides the shared data.
type sharedHeadKey struct {
	width int
	view  sprintView
	look  common.Look
	lang  i18n.Lang
}

type sharedLines struct {
	once  sync.Once
	lines []string
	drawn bool // false after the first drawing panicked
}

// lines is draw's lines for k, drawn by the first session that asks; callers
// may append to them, not change them.
func (b *boardShared) lines(k any, draw func() []string) []string {
	b.mu.Lock()
	if b.drawn == nil {
		b.drawn = map[any]*sharedLines{}
	}
	e := b.drawn[k]
	if e == nil {
		e = &sharedLines{}
		b.drawn[k] = e
	}
	b.mu.Unlock()
	e.once.Do(func() { e.lines, e.drawn = slices.Clip(draw()), true })
	if !e.drawn {
		return draw() // the first session's drawing panicked: each draws its own
	}
	return e.lines
}
