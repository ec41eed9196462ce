// Command vitrina-bench measures Vitrina against the ffmpeg CLI doing the
// same work in the same run, and writes the ratios to docs/PERFORMANCE.md.
// `make bench` runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	bin := flag.String("vitrina", "bin/vitrina", "the vitrina binary to measure")
	seconds := flag.Int("seconds", 60, "program length of each run")
	runs := flag.Int("runs", 1, "runs of each side; the median is reported")
	out := flag.String("out", "docs/PERFORMANCE.md", "report to write")
	flag.Parse()
	if err := benchmark(*bin, *seconds, *runs, *out); err != nil {
		fmt.Fprintf(os.Stderr, "vitrina-bench: %v\n", err)
		os.Exit(1)
	}
}

func benchmark(bin string, seconds, runs int, out string) error {
	dir, err := os.MkdirTemp("", "vitrina-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	in, err := makeInputs(dir)
	if err != nil {
		return err
	}
	dur := time.Duration(seconds) * time.Second
	var results []result
	for _, c := range cases(bin, in, dir, dur) {
		r, err := measure(c, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		fmt.Printf("%-40s vitrina cpu %6.1fs rss %4d MiB | ffmpeg cpu %6.1fs rss %4d MiB | cpu ratio %.2f\n",
			c.name, r.vitrina.cpu.Seconds(), r.vitrina.rssMiB, r.ffmpeg.cpu.Seconds(), r.ffmpeg.rssMiB, r.ratio())
		results = append(results, r)
	}
	abs, _ := filepath.Abs(out)
	return writeReport(abs, seconds, runs, results)
}
