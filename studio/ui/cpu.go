package ui

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"time"
)

// userHZ is the unit of /proc's CPU times (USER_HZ), 100 on every Linux
// architecture Go supports.
const userHZ = 100

// cpuMeter is this process's CPU use as a share of the whole machine, as
// OBS shows it: 100% means every core busy.
type cpuMeter struct {
	lastTicks int64
	lastAt    time.Time
}

// percent returns the use since the previous call; ok is false on the first
// call and where /proc/self/stat cannot be read (not Linux).
func (m *cpuMeter) percent(now time.Time) (float64, bool) {
	ticks, err := processTicks()
	if err != nil {
		return 0, false
	}
	prevTicks, prevAt := m.lastTicks, m.lastAt
	m.lastTicks, m.lastAt = ticks, now
	if prevAt.IsZero() {
		return 0, false
	}
	wall := now.Sub(prevAt).Seconds()
	if wall <= 0 {
		return 0, false
	}
	busy := float64(ticks-prevTicks) / userHZ
	return 100 * busy / wall / float64(runtime.NumCPU()), true
}

// processTicks is utime+stime from /proc/self/stat. The command name in
// field 2 may hold spaces and parentheses, so fields are counted from the
// last ')'.
func processTicks() (int64, error) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, err
	}
	return parseStatTicks(b)
}

func parseStatTicks(b []byte) (int64, error) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, strconv.ErrSyntax
	}
	// After ") " come state (field 3), ppid, ... utime is field 14, stime 15.
	f := bytes.Fields(b[i+1:])
	if len(f) < 13 {
		return 0, strconv.ErrSyntax
	}
	ut, err := strconv.ParseInt(string(f[11]), 10, 64)
	if err != nil {
		return 0, err
	}
	st, err := strconv.ParseInt(string(f[12]), 10, 64)
	if err != nil {
		return 0, err
	}
	return ut + st, nil
}
