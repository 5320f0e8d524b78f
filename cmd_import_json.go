package main

import "errors"

// importJSON reads a team exported with `huddle export --format json` into a new file.
func importJSON(env *cliEnv, path string, dryRun bool) error {
	return errors.New("JSON import is not built yet")
}
