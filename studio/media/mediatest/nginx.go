package mediatest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// NginxRTMP is a real RTMP server (Debian's nginx with libnginx-mod-rtmp) on
// a loopback port, recording every stream it receives as DIR/NAME.flv.
type NginxRTMP struct {
	Port      int
	RecordDir string

	dir, conf string
	cmd       *exec.Cmd
	log       *os.File
}

// URL is the ingest URL of one application, without a stream key.
func (n *NginxRTMP) URL(app string) string { return fmt.Sprintf("rtmp://127.0.0.1:%d/%s", n.Port, app) }

// StartNginxRTMP starts nginx with the given applications and stops it when
// the test ends. A test that needs it fails (it is never skipped) when nginx
// is missing: `make deps` installs it.
func StartNginxRTMP(t T, apps ...string) *NginxRTMP {
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
	n := &NginxRTMP{Port: port, RecordDir: rec, dir: dir, conf: conf}
	n.Start(t)
	t.Cleanup(n.Stop)
	return n
}

// Start starts nginx again on the same port after Stop, as a destination's
// server coming back.
func (n *NginxRTMP) Start(t T) {
	t.Helper()
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin = "/usr/sbin/nginx"
	}
	n.cmd = exec.Command(bin, "-c", n.conf, "-p", n.dir)
	n.log, _ = os.OpenFile(filepath.Join(n.dir, "stdout.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	n.cmd.Stdout, n.cmd.Stderr = n.log, n.log
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("starting nginx (install it with `make deps`): %v", err)
	}
	WaitListening(t, n.Port, n.cmd, filepath.Join(n.dir, "error.log"))
}

// Stop kills nginx at once, as a server that crashes: connections are cut.
func (n *NginxRTMP) Stop() {
	if n.cmd == nil {
		return
	}
	n.cmd.Process.Kill()
	n.cmd.Wait()
	n.log.Close()
	n.cmd = nil
}

// FreePort returns a loopback TCP port nobody listens on.
func FreePort(t T) int {
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
func WaitListening(t T, port int, cmd *exec.Cmd, logPath string) {
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

// FreeUDPPort returns a loopback UDP port nobody uses.
func FreeUDPPort(t T) int {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port
}
