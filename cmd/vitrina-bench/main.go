// Command vitrina-bench measures Vitrina against the ffmpeg CLI doing the
// same work in the same run, and writes the ratios to docs/PERFORMANCE.md.
// `make bench` runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// explicitOut is set when -out was given on the command line.
var explicitOut bool

func main() {
	bin := flag.String("vitrina", "bin/vitrina", "the vitrina binary to measure")
	seconds := flag.Int("seconds", 60, "program length of each run")
	runs := flag.Int("runs", 1, "runs of each side; the median is reported")
	out := flag.String("out", "docs/PERFORMANCE.md", "report to write")
	only := flag.String("cases", "", "comma-separated case names to run (default: all)")
	flag.Parse()
	flag.Visit(func(f *flag.Flag) { explicitOut = explicitOut || f.Name == "out" })
	if err := benchmark(*bin, *seconds, *runs, *out, *only); err != nil {
		fmt.Fprintf(os.Stderr, "vitrina-bench: %v\n", err)
		os.Exit(1)
	}
}

func benchmark(bin string, seconds, runs int, out, only string) error {
	dir, err := os.MkdirTemp("", "vitrina-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	in, err := makeInputs(dir)
	if err != nil {
		return err
	}
	r := &runner{dir: dir}
	defer r.close()
	srv, err := startServers(r)
	if err != nil {
		return err
	}
	names := strings.Split(only, ",")
	picked := func(name string) bool { return only == "" || slices.Contains(names, name) }
	dur := time.Duration(seconds) * time.Second
	all := append(cases(bin, in, dir, dur), fanoutCases(bin, in, dir, dur, srv)...)
	all = append(all, canvasCases(bin, in, dir, dur)...)
	var results []result
	for _, c := range all {
		if !picked(c.name) {
			continue
		}
		r, err := measure(c, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		fmt.Printf("%-28s vitrina cpu %6.1fs rss %4d MiB | %s cpu %6.1fs rss %4d MiB | cpu ratio %.2f\n",
			c.name, r.vitrina.cpu.Seconds(), r.vitrina.rssMiB, c.against(), r.ffmpeg.cpu.Seconds(), r.ffmpeg.rssMiB, r.ratio())
		results = append(results, r)
	}
	abs, _ := filepath.Abs(out)
	// Figures that are not a CPU ratio of two processes: each gives a
	// Markdown section for the report.
	var extras []string
	for _, x := range extraCases(bin, dir, srv, dur) {
		if !picked(x.name) {
			continue
		}
		md, err := x.run()
		if err != nil {
			return fmt.Errorf("%s: %w", x.name, err)
		}
		fmt.Println(md)
		extras = append(extras, md)
	}
	if only != "" && !explicitOut {
		fmt.Println("(a subset of the cases: docs/PERFORMANCE.md left as it was; give -out to write a report)")
		return nil
	}
	return writeReport(abs, seconds, runs, results, extras)
}
