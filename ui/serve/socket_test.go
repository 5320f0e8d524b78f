package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// echoRunner prints who ran what and what came on stdin.
func echoRunner(_ context.Context, who Identity, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	in, _ := io.ReadAll(stdin)
	fmt.Fprintf(stdout, "%s local=%v %q stdin=%q\n", who.Handle, who.Local, args, in)
	fmt.Fprintln(stderr, "to stderr")
	return 3
}

func TestSocketRunsCommandsForThisUser(t *testing.T) {
	db := filepath.Join(t.TempDir(), "team.db")
	s, err := ListenSocket(db, echoRunner, nil)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(SocketPath(db))
	if err != nil || fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the socket: %v %v, want a socket with mode 0600", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(db)); len(entries) != 1 {
		t.Fatalf("the directory holds %d entries, want the socket alone", len(entries))
	}
	conn, err := DialSocket(db)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	code, err := conn.Run("Lucas", []string{"import", "-", ""}, strings.NewReader("a,b\n"), &out, &errOut)
	conn.Close()
	if err != nil || code != 3 || out.String() != "lucas local=true [\"import\" \"-\" \"\"] stdin=\"a,b\\n\"\n" || errOut.String() != "to stderr\n" {
		t.Fatalf("through the socket: %d %v %q %q", code, err, out.String(), errOut.String())
	}
	// A caller that connects and never sends, and one whose command waits on
	// input that never comes, do not keep the huddle from closing.
	silent, err := net.Dial("unix", SocketPath(db))
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	waiting, err := DialSocket(db)
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	defer pw.Close()
	go waiting.Run("lucas", []string{"import", "-"}, pr, io.Discard, io.Discard)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(SocketPath(db)); !os.IsNotExist(err) {
		t.Fatalf("the socket outlived Close: %v", err)
	}
	if _, err := DialSocket(db); err != ErrNoSocket {
		t.Fatalf("no socket: %v", err)
	}
}

func TestSocketLeavesWhatIsNotItsOwnAlone(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	target := filepath.Join(dir, "precious")
	os.WriteFile(target, []byte("keep me"), 0o600)
	// A symlink where the socket goes: neither followed nor removed.
	if err := os.Symlink(target, SocketPath(db)); err != nil {
		t.Fatal(err)
	}
	if _, err := ListenSocket(db, echoRunner, nil); err == nil || !strings.Contains(err.Error(), "not a socket") {
		t.Fatalf("a symlink at the socket's path: %v", err)
	}
	if _, err := DialSocket(db); err == nil || !strings.Contains(err.Error(), "does not trust it") {
		t.Fatalf("a client facing a symlink: %v", err)
	}
	if fi, err := os.Lstat(SocketPath(db)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was touched: %v", err)
	}
	// A plain file likewise.
	os.Remove(SocketPath(db))
	os.WriteFile(SocketPath(db), []byte("not a socket"), 0o600)
	if _, err := ListenSocket(db, echoRunner, nil); err == nil {
		t.Fatal("a file at the socket's path was replaced")
	}
	if data, _ := os.ReadFile(target); string(data) != "keep me" {
		t.Fatal("the symlink's target changed")
	}
	if data, _ := os.ReadFile(SocketPath(db)); string(data) != "not a socket" {
		t.Fatal("the file at the socket's path changed")
	}
	// A live socket of someone else's huddle: left alone too.
	os.Remove(SocketPath(db))
	ln, err := net.Listen("unix", SocketPath(db))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ListenSocket(db, echoRunner, nil); err == nil || !strings.Contains(err.Error(), "another huddle answers") {
		t.Fatalf("a live socket: %v", err)
	}
	// The same socket after its owner died: stale, removed, replaced.
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	s, err := ListenSocket(db, echoRunner, nil)
	if err != nil {
		t.Fatalf("a stale socket: %v", err)
	}
	s.Close()
}

// BenchmarkSocketRoundTrip times one command through the local socket:
// connect, check both peers, send the request, run a command that prints a
// line, read the output and the status. The command itself is trivial.
func BenchmarkSocketRoundTrip(b *testing.B) {
	db := filepath.Join(b.TempDir(), "team.db")
	s, err := ListenSocket(db, echoRunner, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		c, err := DialSocket(db)
		if err != nil {
			b.Fatal(err)
		}
		if code, err := c.Run("lucas", []string{"version"}, nil, io.Discard, io.Discard); err != nil || code != 3 {
			b.Fatal(code, err)
		}
		c.Close()
	}
}
