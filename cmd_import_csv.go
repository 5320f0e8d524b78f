package main

import "errors"

// importCSV imports stories from a CSV file with a header row.
func importCSV(env *cliEnv, path string, dryRun bool) error {
	return errors.New("CSV import is not built yet")
}
