// Command huddle keeps an agile team's whole sprint loop in one file: vision and
// OKRs, the backlog, sprints with a board and burndown, the daily stand-up, the
// review and the retrospective. `huddle` opens the terminal UI; the subcommands
// (package ui/cli) make the same operations scriptable.
package main

import (
	"os"

	"huddle/ui/cli"
)

func main() {
	os.Exit(cli.Main())
}
