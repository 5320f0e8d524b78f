package main

import "github.com/spf13/cobra"

// standupCommands returns the commands of this area (standup).
func standupCommands(env *cliEnv) []*cobra.Command {
	return nil
}
