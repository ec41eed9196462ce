package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// writeReport writes the results, then any latency figures (lat: one
// Markdown paragraph or table each), then the kept notes.
func writeReport(path string, seconds, runs int, results []result, lat []string) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Performance\n\n")
	fmt.Fprintf(&b, "Measured by `make bench` (`go run ./cmd/vitrina-bench -seconds %d -runs %d`) on %s.\n", seconds, runs, time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&b, "Machine: %s, %d cores; %s; Go %s.\n\n", cpuModel(), runtime.NumCPU(), ffmpegVersion(), strings.TrimPrefix(runtime.Version(), "go"))
	fmt.Fprintf(&b, "Each case runs Vitrina and the ffmpeg CLI on the same inputs with the same encoder settings, in the same run, ")
	fmt.Fprintf(&b, "paced in real time on both sides (`-re` for ffmpeg). CPU is user + system time of the whole process (getrusage), ")
	fmt.Fprintf(&b, "RSS is its peak resident memory. The CPU ratio is Vitrina's CPU over the baseline's: below 1.0, Vitrina did the work with less.\n\n")
	fmt.Fprintf(&b, "| case | Vitrina CPU | baseline | baseline CPU | **CPU ratio** | Vitrina peak RSS | baseline peak RSS |\n|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %s | %.1f s | %s | %.1f s | **%.2f** | %d MiB | %d MiB |\n", r.c.name,
			r.vitrina.cpu.Seconds(), r.c.against(), r.ffmpeg.cpu.Seconds(), r.ratio(), r.vitrina.rssMiB, r.ffmpeg.rssMiB)
	}
	for _, l := range lat {
		fmt.Fprintf(&b, "\n%s\n", l)
	}
	for _, r := range results {
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n\n", r.c.name, r.c.what)
		fmt.Fprintf(&b, "Wall time: Vitrina %.1f s, %s %.1f s.\n\n", r.vitrina.wall.Seconds(), r.c.against(), r.ffmpeg.wall.Seconds())
		fmt.Fprintf(&b, "%s command:\n\n```\n%s\n```\n", r.c.against(), strings.Join(quote(r.c.ffmpeg.args), " "))
	}
	b.WriteString(keptNotes(path))
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// notesMarker starts the hand-written part of the report (the analysis of
// the numbers), which a new run keeps.
const notesMarker = "<!-- notes: kept by make bench -->"

func keptNotes(path string) string {
	old, err := os.ReadFile(path)
	if err != nil {
		return "\n" + notesMarker + "\n"
	}
	if _, notes, ok := strings.Cut(string(old), notesMarker); ok {
		return "\n" + notesMarker + notes
	}
	return "\n" + notesMarker + "\n"
}

func quote(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " ;[]|") {
			a = "'" + a + "'"
		}
		out[i] = a
	}
	return out
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func ffmpegVersion() string {
	out, err := exec.Command("ffmpeg", "-version").Output()
	if err != nil {
		return "ffmpeg unknown"
	}
	first, _, _ := strings.Cut(string(out), "\n")
	if f := strings.Fields(first); len(f) >= 3 {
		return "ffmpeg " + f[2]
	}
	return first
}
