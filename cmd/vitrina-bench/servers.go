package main

import (
	"fmt"
	"os"

	"github.com/vitrina-live/vitrina/studio/media/mediatest"
)

// servers are the real destinations the streaming cases send to, started
// with the same helpers the tests use.
type servers struct {
	nginx *mediatest.NginxRTMP
	mtx   *mediatest.MediaMTX
}

// runner gives the test helpers what they expect of a test: a place for
// temporary files, cleanups, and a way to fail (a panic that benchmark
// turns back into an error).
type runner struct {
	dir      string
	cleanups []func()
}

type fatal struct{ msg string }

func (r *runner) Helper()                           {}
func (r *runner) Fatal(args ...any)                 { panic(fatal{fmt.Sprint(args...)}) }
func (r *runner) Fatalf(format string, args ...any) { panic(fatal{fmt.Sprintf(format, args...)}) }
func (r *runner) Logf(format string, args ...any)   { fmt.Printf(format+"\n", args...) }
func (r *runner) Cleanup(f func())                  { r.cleanups = append(r.cleanups, f) }

func (r *runner) TempDir() string {
	d, err := os.MkdirTemp(r.dir, "srv")
	if err != nil {
		r.Fatal(err)
	}
	return d
}

func (r *runner) close() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

// startServers starts nginx-rtmp with two applications and MediaMTX.
func startServers(r *runner) (s servers, err error) {
	defer func() {
		if f, ok := recover().(fatal); ok {
			err = fmt.Errorf("starting servers: %s", f.msg)
		}
	}()
	s.nginx = mediatest.StartNginxRTMP(r, "a", "b")
	s.mtx = mediatest.StartMediaMTX(r)
	return s, nil
}
