package encoder

import (
	"context"
	"log/slog"
	"strings"
	"sync"

	"github.com/asticode/go-astiav"
)

// FFmpeg logs through one process-wide callback. We route it to slog so its
// warnings land in the show log, and silence the info chatter (x264 prints its
// statistics at info on every close).
var logOnce sync.Once

func setupLog() {
	logOnce.Do(func() {
		astiav.SetLogLevel(astiav.LogLevelWarning)
		astiav.SetLogCallback(ffmpegLog)
	})
}

// probes collects the messages of codec contexts that are being tried as a
// fallback candidate. "Cannot load libcuda.so.1" is expected on a machine
// without NVIDIA, so it belongs in the one fallback line, not in the error log.
var probes struct {
	sync.Mutex
	m map[astiav.Classer]*strings.Builder
}

func startProbe(c astiav.Classer) {
	probes.Lock()
	defer probes.Unlock()
	if probes.m == nil {
		probes.m = make(map[astiav.Classer]*strings.Builder)
	}
	probes.m[c] = &strings.Builder{}
}

// endProbe stops collecting for c and returns what FFmpeg said about it.
func endProbe(c astiav.Classer) string {
	probes.Lock()
	defer probes.Unlock()
	b := probes.m[c]
	delete(probes.m, c)
	if b == nil {
		return ""
	}
	return strings.TrimSpace(b.String())
}

func ffmpegLog(c astiav.Classer, l astiav.LogLevel, _, msg string) {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return
	}
	if c != nil {
		probes.Lock()
		b := probes.m[c]
		if b != nil {
			if b.Len() > 0 {
				b.WriteString("; ")
			}
			b.WriteString(msg)
		}
		probes.Unlock()
		if b != nil {
			return
		}
	}
	level := slog.LevelWarn
	if l <= astiav.LogLevelError {
		level = slog.LevelError
	}
	attrs := []any{"component", "ffmpeg"}
	if c != nil {
		if cl := c.Class(); cl != nil {
			attrs = append(attrs, "class", cl.Name())
		}
	}
	slog.Default().Log(context.Background(), level, msg, attrs...)
}

func orDefault(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.Default()
	}
	return l
}
