package cli

import (
	"fmt"
	"os"

	"huddle/store"
)

// importJSON reads a team exported with `huddle export --format json` into a new file.
func importJSON(env *cliEnv, path string, dryRun bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %v", path, err)
	}
	defer f.Close()
	target := env.dbPath()
	var res store.ImportResult
	if dryRun {
		if _, serr := os.Stat(target); serr == nil {
			return fmt.Errorf("%s already exists; import into a new file (--db NEW.db)", target)
		}
		res, err = store.ReadExport(f)
	} else {
		res, err = store.ImportJSON(f, target)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	verb := env.tr.T("cli.import_json.imported")
	if dryRun {
		verb = env.tr.T("cli.import_json.would_import")
	}
	fmt.Fprintf(env.out, env.tr.T("cli.import_json.into_in_schema")+"\n",
		verb, path, target, env.tr.Tn("cli.n.member", res.Members), env.tr.Tn("cli.n.story", res.Stories), env.tr.Tn("cli.n.sprint", res.Sprints),
		env.tr.Tn("cli.n.event", res.Events), env.tr.Tn("cli.n.record", res.Records), env.tr.Tn("cli.n.bucket", res.Buckets), res.Schema)
	return nil
}
