package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// usage is what one process cost: CPU time (user + system) and peak RSS.
type usage struct {
	cpu    time.Duration
	wall   time.Duration
	rssMiB int64
}

type side struct {
	args []string
	// setup writes files the command needs (a show file) before it runs.
	setup func() error
}

type benchCase struct {
	name string
	what string
	// baseline names what the ffmpeg side is: "ffmpeg CLI" when empty, or
	// another Vitrina run when the case compares Vitrina with itself.
	baseline string
	vitrina  side
	ffmpeg   side
}

func (c benchCase) against() string {
	if c.baseline == "" {
		return "ffmpeg CLI"
	}
	return c.baseline
}

type result struct {
	c               benchCase
	vitrina, ffmpeg usage
}

func (r result) ratio() float64 { return r.vitrina.cpu.Seconds() / r.ffmpeg.cpu.Seconds() }

func measure(c benchCase, runs int) (result, error) {
	r := result{c: c}
	for _, s := range []struct {
		side side
		dst  *usage
	}{{c.vitrina, &r.vitrina}, {c.ffmpeg, &r.ffmpeg}} {
		if s.side.setup != nil {
			if err := s.side.setup(); err != nil {
				return r, err
			}
		}
		var all []usage
		for i := 0; i < runs; i++ {
			u, err := runOnce(s.side.args)
			if err != nil {
				return r, err
			}
			all = append(all, u)
		}
		slices.SortFunc(all, func(a, b usage) int { return int(a.cpu - b.cpu) })
		*s.dst = all[len(all)/2]
	}
	return r, nil
}

func runOnce(args []string) (usage, error) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "VITRINA_DATA="+filepath.Join(os.TempDir(), "vitrina-bench-data"))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		return usage{}, fmt.Errorf("%s: %v\n%s", args[0], err, tail(out))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return usage{cpu: cpu, wall: wall, rssMiB: ru.Maxrss / 1024}, nil
}

func tail(b []byte) []byte {
	if len(b) > 2000 {
		return b[len(b)-2000:]
	}
	return b
}
