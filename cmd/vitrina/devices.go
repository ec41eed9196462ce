package main

import (
	"fmt"
	"io"

	"github.com/vitrina-live/vitrina/studio/capture"
)

// cmdDevices prints the cameras and microphones, with the id a show file's
// `device` key takes.
func cmdDevices(args []string, stdout io.Writer) error {
	if err := parseFlags(newFlags("devices"), args); err != nil {
		return err
	}
	devs, err := capture.ListDevices()
	if err != nil {
		return fmt.Errorf("listing devices: %w", err)
	}
	counts := map[string]int{}
	for _, d := range devs {
		counts[d.Kind]++
		fmt.Fprintf(stdout, "%-6s  %-40s  %s\n", d.Kind, d.ID, d.Label)
	}
	if counts["camera"] == 0 {
		fmt.Fprintln(stdout, "no cameras found: shows can use kind = \"testpattern\" instead")
	}
	if counts["mic"] == 0 {
		fmt.Fprintln(stdout, "no microphones found: shows can use kind = \"tone\" or \"silence\" instead")
	}
	return nil
}
