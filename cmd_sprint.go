package main

import "github.com/spf13/cobra"

// sprintCommands returns the commands of this area (sprint, task).
func sprintCommands(env *cliEnv) []*cobra.Command {
	return nil
}
