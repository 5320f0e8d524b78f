package ui

import "strings"

// bigGlyphs is a 3-line-high font for the stand-up countdown: digits, a colon
// and a minus sign, drawn with box characters so it reads from across a room
// and fits 80 columns ("-12:59" is 23 cells wide).
var bigGlyphs = map[rune][3]string{
	'0': {"┏━┓", "┃ ┃", "┗━┛"},
	'1': {" ╻ ", " ┃ ", " ╹ "},
	'2': {"╺━┓", "┏━┛", "┗━╸"},
	'3': {"╺━┓", " ━┫", "╺━┛"},
	'4': {"╻ ╻", "┗━┫", "  ╹"},
	'5': {"┏━╸", "┗━┓", "╺━┛"},
	'6': {"┏━╸", "┣━┓", "┗━┛"},
	'7': {"╺━┓", "  ┃", "  ╹"},
	'8': {"┏━┓", "┣━┫", "┗━┛"},
	'9': {"┏━┓", "┗━┫", "╺━┛"},
	':': {" ", "╏", " "},
	'-': {"   ", "╺━╸", "   "},
}

// bigText draws s (digits, ':' and '-') three lines high; other characters are
// left out.
func bigText(s string) [3]string {
	var b [3]strings.Builder
	first := true
	for _, r := range s {
		g, ok := bigGlyphs[r]
		if !ok {
			continue
		}
		for i := range b {
			if !first {
				b[i].WriteByte(' ')
			}
			b[i].WriteString(g[i])
		}
		first = false
	}
	return [3]string{b[0].String(), b[1].String(), b[2].String()}
}
