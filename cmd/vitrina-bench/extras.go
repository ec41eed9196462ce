package main

import "time"

// extra is a figure that is not a CPU ratio of two processes; run gives a
// Markdown section for the report.
type extra struct {
	name string
	run  func() (string, error)
}

// extraCases lists them in the report's order; add one line per new figure.
func extraCases(bin, dir string, srv servers, dur time.Duration) []extra {
	return []extra{
		{"overlay-blend-1080p", func() (string, error) { return overlayBlend(dir) }},
		{"glass-to-glass-latency-720p30", func() (string, error) { return latency(bin, dir, srv, dur/2) }},
		{"show-events-10k", func() (string, error) { return showEvents(dir) }},
		{"chat-pipeline", func() (string, error) { return chatLatency(dir) }},
	}
}
