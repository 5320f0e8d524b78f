package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"huddle/store/gen"
)

// BenchmarkProcessStart times whole processes, as a person's shell starts
// them, in one interleaved run (each round runs the three in a rotating order,
// so a busy moment of the shared machine falls on all of them alike):
//
//   - hello: a hello-world Go binary built here with the same toolchain;
//   - version: `huddle version`;
//   - list: `huddle story list --limit 40` on the generator's 10,000-story
//     file (100,000 events), which opens the file and reads a screenful.
//
// It reports each one's median wall time and the two ratios issue 15 holds
// them to: version ≤ 3x hello, list ≤ 2x version.
func BenchmarkProcessStart(b *testing.B) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no go tool to build the binaries with")
	}
	dir := b.TempDir()
	huddle := filepath.Join(dir, "huddle")
	if out, err := exec.Command(gobin, "build", "-o", huddle, "huddle").CombinedOutput(); err != nil {
		b.Fatalf("go build huddle: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "hello")
	if err := os.MkdirAll(src, 0o755); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(src, "main.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644)
	hello := filepath.Join(dir, "hello-bin")
	build := exec.Command(gobin, "build", "-o", hello, ".")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build hello: %v\n%s", err, out)
	}
	team, err := gen.File(dir, gen.Medium)
	if err != nil {
		b.Fatal(err)
	}
	runs := []struct {
		name string
		cmd  []string
	}{
		{"hello", []string{hello}},
		{"version", []string{huddle, "version"}},
		{"list", []string{huddle, "--db", team.Path, "story", "list", "--limit", "40"}},
	}
	times := make([][]time.Duration, len(runs))
	for i := range runs { // once each first: the page cache holds the files
		if out, err := exec.Command(runs[i].cmd[0], runs[i].cmd[1:]...).CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", runs[i].name, err, out)
		}
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for k := range runs {
			i := (n + k) % len(runs)
			cmd := exec.Command(runs[i].cmd[0], runs[i].cmd[1:]...)
			start := time.Now()
			if err := cmd.Run(); err != nil {
				b.Fatalf("%s: %v", runs[i].name, err)
			}
			times[i] = append(times[i], time.Since(start))
		}
	}
	b.StopTimer()
	med := make([]float64, len(runs))
	for i := range runs {
		slices.Sort(times[i])
		med[i] = float64(times[i][len(times[i])/2]) / float64(time.Millisecond)
		b.ReportMetric(med[i], runs[i].name+"-ms")
	}
	b.ReportMetric(med[1]/med[0], "version/hello")
	b.ReportMetric(med[2]/med[1], "list/version")
}
