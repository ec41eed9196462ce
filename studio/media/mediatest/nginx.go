package mediatest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// NginxRTMP is a real RTMP server (Debian's nginx with libnginx-mod-rtmp) on
// a loopback port, recording every stream it receives as DIR/NAME.flv.
type NginxRTMP struct {
	Port      int
	RecordDir string
}

// URL is the ingest URL of one application, without a stream key.
func (n NginxRTMP) URL(app string) string { return fmt.Sprintf("rtmp://127.0.0.1:%d/%s", n.Port, app) }

// StartNginxRTMP starts nginx with the given applications and stops it when
// the test ends. A test that needs it fails (it is never skipped) when nginx
// is missing: `make deps` installs it.
func StartNginxRTMP(t testing.TB, apps ...string) NginxRTMP {
	t.Helper()
	dir := t.TempDir()
	rec := filepath.Join(dir, "rec")
	if err := os.MkdirAll(rec, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(rec, 0o777) // workers may run as www-data
	port := FreePort(t)
	var b strings.Builder
	fmt.Fprintf(&b, "load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;\ndaemon off;\nmaster_process off;\n")
	fmt.Fprintf(&b, "error_log %s/error.log info;\npid %s/nginx.pid;\nevents {}\n", dir, dir)
	fmt.Fprintf(&b, "rtmp { server { listen 127.0.0.1:%d;\n", port)
	for _, a := range apps {
		fmt.Fprintf(&b, "  application %s { live on; record all; record_path %s/%s; record_unique off; }\n", a, rec, a)
		os.MkdirAll(filepath.Join(rec, a), 0o777)
		os.Chmod(filepath.Join(rec, a), 0o777)
	}
	b.WriteString("} }\n")
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin = "/usr/sbin/nginx"
	}
	cmd := exec.Command(bin, "-c", conf, "-p", dir)
	out, _ := os.Create(filepath.Join(dir, "stdout.log"))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting nginx (install it with `make deps`): %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); out.Close() })
	WaitListening(t, port, cmd, filepath.Join(dir, "error.log"))
	return NginxRTMP{Port: port, RecordDir: rec}
}

// FreePort returns a loopback TCP port nobody listens on.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// WaitListening waits until the server accepts connections on port, and
// fails with its log if it exits or takes over 10 s.
func WaitListening(t testing.TB, port int, cmd *exec.Cmd, logPath string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 100*time.Millisecond); err == nil {
			c.Close()
			return
		}
		if cmd.ProcessState != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	logText, _ := os.ReadFile(logPath)
	t.Fatalf("server not listening on %d: %s", port, logText)
}
