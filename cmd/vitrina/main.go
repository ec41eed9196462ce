// Command vitrina is the live-stream shopping studio. It only parses the
// command line and wires the engine; see `vitrina help`.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
