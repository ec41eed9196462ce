package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitrina-live/vitrina/studio/store"
)

// binary is vitrina built once for the tests that run it as a user would.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vitrina-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "vitrina")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building vitrina: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// vitrina runs the binary with a fresh data directory and returns its exit
// code, stdout and stderr.
func vitrina(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return runVitrina(t, []string{"VITRINA_DATA=" + t.TempDir()}, nil, args...)
}

// runVitrina runs the binary with env added to the test's environment and
// stdin (none when nil), and returns its exit code, stdout and stderr.
func runVitrina(t *testing.T, env []string, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	// A hung run fails the test in a minute instead of stalling CI.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running vitrina: %v", err)
	}
	return code, out.String(), errb.String()
}

// openStore opens the store in the data directory data until the test ends.
func openStore(t *testing.T, data string) *store.DB {
	t.Helper()
	db, err := store.OpenDir(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func repoPath(p string) string {
	abs, _ := filepath.Abs(filepath.Join("..", "..", p))
	return abs
}

func TestUsageErrorsExitTwo(t *testing.T) {
	cases := [][]string{
		{"frobnicate"},
		{"run", "--nope"},
		{"run", "--show", "/nonexistent/show.toml"},
		{"run", "--for", "-3s"},
	}
	for _, args := range cases {
		code, _, stderr := vitrina(t, args...)
		if code != 2 {
			t.Errorf("vitrina %v exited %d, want 2 (stderr %q)", args, code, stderr)
		}
		if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines != 1 || !strings.HasPrefix(stderr, "vitrina: ") {
			t.Errorf("vitrina %v: want one 'vitrina: ...' line on stderr, got %q", args, stderr)
		}
	}
}

// Each kind of bad show input named in the issue exits 2 with one line that
// names the offending field, before anything is recorded.
func TestBadShowInputExitsTwoNamingTheField(t *testing.T) {
	example, err := os.ReadFile(repoPath("examples/two-cameras.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, from, to, want string }{
		{"unknown source kind", `kind = "file"`, `kind = "webcam"`, `source "clip": kind: unknown value "webcam"`},
		{"missing media file", `path = "../assets/media/demo.mp4"`, `path = "../assets/media/nope.mp4"`, `source "clip": path "../assets/media/nope.mp4": no such file`},
		{"invalid size", "width = 1280", "width = 1279", "video.width: 1279"},
		{"invalid fps", "fps = 30", "fps = 0", "video.fps: 0"},
		{"unwritable recording path", `path = "recordings/two-cameras.mkv"`, `path = "/proc/vitrina/show.mkv"`, `record.path "/proc/vitrina/show.mkv"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := strings.Replace(string(example), c.from, c.to, 1)
			if body == string(example) {
				t.Fatal("the example no longer contains the text this case changes")
			}
			// The show must sit in examples/ so its relative media path holds.
			p := filepath.Join(repoPath("examples"), ".bad-"+strings.ReplaceAll(c.name, " ", "-")+".toml")
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(p)
			code, _, stderr := vitrina(t, "run", "--headless", "--show", p, "--for", "1s", "--record", filepath.Join(t.TempDir(), "x.mkv"))
			if code != 2 {
				t.Fatalf("exit code %d, want 2; stderr %q", code, stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("want exactly one line on stderr, got %q", stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q does not name the field (%q)", stderr, c.want)
			}
		})
	}
}

func TestDevicesListsOrExplains(t *testing.T) {
	code, stdout, stderr := vitrina(t, "devices")
	if code != 0 {
		t.Fatalf("vitrina devices exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "camera") {
		t.Errorf("devices output says nothing about cameras: %q", stdout)
	}
}
