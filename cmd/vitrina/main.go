// Command vitrina is the live-stream shopping studio. It only parses the
// command line and wires the engine; see `vitrina help`.
package main

import (
	"os"

	_ "github.com/vitrina-live/vitrina/studio/ui/plainlocale" // before fyne initialises
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
