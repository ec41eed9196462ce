package mediatest

// T is what the helpers need from a test: testing.TB has it, and so does
// the benchmark command's runner, which starts the same servers.
type T interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
	Cleanup(func())
	TempDir() string
}
