package main

import "github.com/spf13/cobra"

// backlogCommands returns the commands of this area (vision, okr, story).
func backlogCommands(env *cliEnv) []*cobra.Command {
	return nil
}
