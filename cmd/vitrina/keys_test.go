package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/keys"
	"github.com/vitrina-live/vitrina/studio/keys/keystest"
	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// keysCLI runs the binary with stdin and the given environment on top of
// the test's own (a data directory and a D-Bus address, real or dead).
func keysCLI(t *testing.T, env []string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	return runVitrina(t, env, strings.NewReader(stdin), args...)
}

func noSecret(t *testing.T, secret string, outputs ...string) {
	t.Helper()
	for _, o := range outputs {
		if strings.Contains(o, secret) {
			t.Errorf("the output shows the key: %q", o)
		}
	}
}

func TestKeysWithoutKeyringUseAPrivateFileAndSaySo(t *testing.T) {
	data := t.TempDir()
	noBus := "unix:path=" + filepath.Join(t.TempDir(), "no-bus")
	env := []string{"VITRINA_DATA=" + data, "DBUS_SESSION_BUS_ADDRESS=" + noBus}
	const secret = "cli-secret-7777-abcd"
	file := filepath.Join(data, "secrets", "keys.json")

	code, stdout, stderr := keysCLI(t, env, secret+"\n", "keys", "set", "yt")
	if code != 0 {
		t.Fatalf("keys set exited %d: %s", code, stderr)
	}
	noSecret(t, secret, stdout, stderr)
	if want := "no OS keyring found: stored in " + file + " (0600)"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q does not say %q", stderr, want)
	}
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("keys file mode %04o, want 0600", fi.Mode().Perm())
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", noBus)
	s, err := keys.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get("yt"); err != nil || got != secret {
		t.Errorf("the stored key is %q (%v), want what stdin gave, without the newline", got, err)
	}

	code, stdout, stderr = keysCLI(t, env, "", "keys", "where")
	if code != 0 || !strings.Contains(stdout, "file "+file+" (mode 0600; no OS keyring found)") || !strings.Contains(stdout, "why: ") {
		t.Errorf("keys where: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	noSecret(t, secret, stdout, stderr)

	if code, _, stderr = keysCLI(t, env, "", "keys", "delete", "yt"); code != 0 {
		t.Errorf("keys delete exited %d: %s", code, stderr)
	}
	if code, _, stderr = keysCLI(t, env, "", "keys", "delete", "yt"); code != 1 || !strings.Contains(stderr, "no such key") {
		t.Errorf("deleting a missing key: exit %d, stderr %q; want 1 and 'no such key'", code, stderr)
	}
}

func TestKeysUsageErrorsExitTwo(t *testing.T) {
	env := []string{"VITRINA_DATA=" + t.TempDir(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus"}
	cases := []struct {
		stdin string
		args  []string
		want  string
	}{
		{"", []string{"keys"}, "say what to do"},
		{"", []string{"keys", "frob"}, `unknown keys command "frob"`},
		{"k", []string{"keys", "set"}, "keys set NAME"},
		{"k", []string{"keys", "set", "a", "b"}, "keys set NAME"},
		{"", []string{"keys", "set", "yt"}, "empty key"},
		{"   \n", []string{"keys", "set", "yt"}, "empty key"},
		{"k\n", []string{"keys", "set", "bad name"}, "bad key name"},
		{strings.Repeat("k", 5000), []string{"keys", "set", "yt"}, "longer than 4096"},
	}
	for _, c := range cases {
		code, _, stderr := keysCLI(t, env, c.stdin, c.args...)
		if code != 2 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("vitrina %v: exit %d, stderr %q; want 2 and one line with %q", c.args, code, stderr, c.want)
		}
	}
}

// /dev/null is a character device but not a terminal: no prompt, just the
// one-line error for an empty key.
func TestKeysSetFromDevNullDoesNotPrompt(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	cmd := exec.Command(binary, "keys", "set", "yt")
	cmd.Env = append(os.Environ(), "VITRINA_DATA="+t.TempDir(), "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus")
	cmd.Stdin = devNull
	out, _ := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 2 || strings.Contains(string(out), "Paste") || strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
		t.Errorf("exit %d, output %q; want 2 and one line, no prompt", cmd.ProcessState.ExitCode(), out)
	}
}

func TestKeysRefuseAFileOthersCanRead(t *testing.T) {
	data := t.TempDir()
	env := []string{"VITRINA_DATA=" + data, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus"}
	const secret = "exposed-secret-5150"
	if code, _, stderr := keysCLI(t, env, secret, "keys", "set", "yt"); code != 0 {
		t.Fatalf("keys set exited %d: %s", code, stderr)
	}
	file := filepath.Join(data, "secrets", "keys.json")
	os.Chmod(file, 0o640)
	code, stdout, stderr := keysCLI(t, env, "other-secret", "keys", "set", "tw")
	if code != 1 || !strings.Contains(stderr, "chmod 600 "+file) {
		t.Errorf("exit %d, stderr %q; want 1 and the chmod that fixes it", code, stderr)
	}
	noSecret(t, secret, stdout, stderr)
	noSecret(t, "other-secret", stdout, stderr)
}

func TestKeysGoToTheOSKeyringWhenOneAnswers(t *testing.T) {
	ss := keystest.Start(t)
	data := t.TempDir()
	env := []string{"VITRINA_DATA=" + data, "DBUS_SESSION_BUS_ADDRESS=" + ss.Address}
	const secret = "keyring-cli-secret-4321"
	code, stdout, stderr := keysCLI(t, env, secret+"\r\n", "keys", "set", "yt")
	if code != 0 {
		t.Fatalf("keys set exited %d: %s", code, stderr)
	}
	noSecret(t, secret, stdout, stderr)
	if !strings.Contains(stderr, `stored key "yt" in the OS keyring (Secret Service)`) || strings.Contains(stderr, "no OS keyring") {
		t.Errorf("stderr %q does not say the key went to the OS keyring", stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "secrets")); !os.IsNotExist(err) {
		t.Errorf("a keys file was made although a keyring answered: %v", err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", ss.Address)
	s, err := keys.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get("yt"); !s.InKeyring() || err != nil || got != secret {
		t.Errorf("from the keyring: %q, %v (in keyring: %v)", got, err, s.InKeyring())
	}
	if code, stdout, _ = keysCLI(t, env, "", "keys", "where"); code != 0 || strings.TrimSpace(stdout) != "OS keyring (Secret Service)" {
		t.Errorf("keys where: exit %d, %q", code, stdout)
	}
}

// A destination that names a stored key streams with it: the key set with
// `vitrina keys set` reaches nginx (it names the recording) and never the
// log; a name that was never stored stops the show before it starts.
func TestShowUsesAStoredStreamKey(t *testing.T) {
	data := t.TempDir()
	env := []string{"VITRINA_DATA=" + data, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus"}
	const key = "stored-key-90ab"
	if code, _, stderr := keysCLI(t, env, key+"\n", "keys", "set", "shop-youtube"); code != 0 {
		t.Fatalf("keys set: exit %d: %s", code, stderr)
	}
	nginx := mediatest.StartNginxRTMP(t, "live")
	dest := fmt.Sprintf("\n[[destination]]\nid = \"youtube\"\nkind = \"rtmp\"\nurl = %q\nkey_name = %q\n", nginx.URL("live"), "shop-youtube")
	s := startShow(t, env, "run", "--headless", "--show", goLiveShow(t, dest), "--for", "3s", "--record", filepath.Join(t.TempDir(), "r.mkv"))
	s.waitFor(t, 0, 20*time.Second, "destination=youtube", "state=live")
	log := s.wait(t, time.Minute)
	noSecret(t, key, log)
	if !strings.Contains(log, "no OS keyring") && !strings.Contains(log, "0600") {
		t.Errorf("the log does not say where the keys came from:\n%s", log)
	}
	checkH264AAC(t, filepath.Join(nginx.RecordDir, "live", key+".flv"), "aac")

	missing := strings.Replace(dest, "shop-youtube", "never-stored", 1)
	code, _, stderr := keysCLI(t, env, "", "run", "--headless", "--show", goLiveShow(t, missing), "--for", "1s")
	if code != 2 || !strings.Contains(stderr, "vitrina keys set never-stored") {
		t.Errorf("a key name never stored: exit %d, stderr %q; want 2 and how to store it", code, stderr)
	}
}
