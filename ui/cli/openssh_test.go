package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRoundTripWithOpenSSH drives the server with the real OpenSSH client,
// as a team member would: import stories from stdin, export the file to
// stdout, and compare with a local export. It is skipped where ssh and
// ssh-keygen are not installed.
func TestRoundTripWithOpenSSH(t *testing.T) {
	t.Parallel() // independent: its own file and server
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no ssh client on this machine")
	}
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Skip("no ssh-keygen on this machine")
	}
	team := serveDemo(t, false)
	keyFile := filepath.Join(t.TempDir(), "id_ed25519")
	if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "maya@laptop", "-f", keyFile).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	pub, err := os.ReadFile(keyFile + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	// The lead adds her new laptop key over SSH, from stdin.
	maya := team.dial(t, team.keys["maya"])
	if out, errOut, code := sshSession(t, maya, "member key maya --key-file -", string(pub)); code != 0 {
		t.Fatalf("member key: %d %q %q", code, out, errOut)
	}
	host, port := strings.Split(team.addr, ":")[0], strings.Split(team.addr, ":")[1]
	ssh := func(stdin string, args ...string) (string, string, error) {
		base := []string{"-p", port, "-i", keyFile, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
			"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", host}
		cmd := exec.Command(sshBin, append(base, args...)...)
		var out, errOut bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errOut
		err := cmd.Run()
		return out.String(), errOut.String(), err
	}
	out, errOut, err := ssh(storiesCSV, "import", "-")
	if err != nil || !strings.Contains(out, "imported 2 stories") {
		t.Fatalf("ssh import - < stories.csv: %v %q %q", err, out, errOut)
	}
	// Empty and quoted arguments arrive as the caller wrote them.
	if out, errOut, err := ssh("", "story", "add", "'Quoted; kept'", "--label", "''"); err != nil || !strings.Contains(out, " Quoted; kept\n") {
		t.Fatalf("quoted title: %v %q %q", err, out, errOut)
	}
	remoteJSON, errOut, err := ssh("", "export", "--format", "json")
	if err != nil {
		t.Fatalf("ssh export: %v %q", err, errOut)
	}
	if err := team.stop(); err != nil {
		t.Fatal(err)
	}
	localJSON, _, code := huddle(t, team.env, "export", "--format", "json")
	if code != 0 || localJSON != remoteJSON {
		t.Fatalf("ssh export > x.json gave %d bytes, the local export %d", len(remoteJSON), len(localJSON))
	}
	if !strings.Contains(localJSON, "Import from the caller's stdin") {
		t.Fatal("the export misses the imported story")
	}
}
