package main

import "github.com/spf13/cobra"

// retroCommands returns the commands of this area (retro, export).
func retroCommands(env *cliEnv) []*cobra.Command {
	return nil
}
