package mediatest

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Ngircd is a real IRC server (Debian's ngircd) on a loopback port, for
// the chat connector's tests and the show's.
type Ngircd struct {
	Port int
	conf string
	cmd  *exec.Cmd
	out  *os.File
}

// StartNgircd runs ngircd until the test ends.
func StartNgircd(t T) *Ngircd {
	t.Helper()
	dir := t.TempDir()
	os.Chmod(dir, 0o755) // it drops to "nobody"
	n := &Ngircd{Port: FreePort(t), conf: filepath.Join(dir, "ngircd.conf")}
	conf := fmt.Sprintf(`[Global]
Name = irc.vitrina.test
Info = Vitrina test server
Listen = 127.0.0.1
Ports = %d
AdminInfo1 = Vitrina tests
AdminEMail = tests@vitrina.invalid
[Options]
PAM = no
Ident = no
DNS = no
`, n.Port)
	if err := os.WriteFile(n.conf, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	n.Start(t)
	t.Cleanup(n.Stop)
	return n
}

// Addr is the server's host:port.
func (n *Ngircd) Addr() string { return fmt.Sprintf("127.0.0.1:%d", n.Port) }

// Start (re)starts the server on its port and waits until it listens.
func (n *Ngircd) Start(t T) {
	t.Helper()
	n.cmd = exec.Command("ngircd", "--nodaemon", "--config", n.conf)
	log := filepath.Join(filepath.Dir(n.conf), "ngircd.log")
	n.out, _ = os.OpenFile(log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	n.cmd.Stdout, n.cmd.Stderr = n.out, n.out
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("starting ngircd (install it with `make deps`): %v", err)
	}
	WaitListening(t, n.Port, n.cmd, log)
}

// Stop kills the server (a crash, for the reconnect tests).
func (n *Ngircd) Stop() {
	if n.cmd != nil {
		n.cmd.Process.Kill()
		n.cmd.Wait()
		n.out.Close()
		n.cmd = nil
	}
}

// IRCViewer is a plain IRC user typing in a channel: raw lines over TCP.
type IRCViewer struct {
	conn  net.Conn
	lines chan string
}

// JoinIRC connects a viewer and waits until it has joined the channel.
func JoinIRC(t T, port int, nick, channel string) *IRCViewer {
	t.Helper()
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	v := &IRCViewer{conn: c, lines: make(chan string, 256)}
	go func() {
		r := bufio.NewReader(c)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				close(v.lines)
				return
			}
			if strings.HasPrefix(l, "PING") {
				fmt.Fprintf(c, "PONG%s", l[4:])
			}
			v.lines <- strings.TrimSpace(l)
		}
	}()
	fmt.Fprintf(c, "NICK %s\r\nUSER %s 0 * :viewer\r\nJOIN %s\r\n", nick, nick, channel)
	v.Expect(t, " 366 ") // end of NAMES: joined
	return v
}

// Say sends a message to the channel.
func (v *IRCViewer) Say(channel, text string) {
	fmt.Fprintf(v.conn, "PRIVMSG %s :%s\r\n", channel, text)
}

// Send sends a raw IRC line.
func (v *IRCViewer) Send(line string) { fmt.Fprintf(v.conn, "%s\r\n", line) }

// Expect waits up to 15 s for a line containing want and returns it.
func (v *IRCViewer) Expect(t T, want string) string {
	t.Helper()
	return v.ExpectAny(t, want)
}

// ExpectAny waits up to 15 s for a line containing any of wants.
func (v *IRCViewer) ExpectAny(t T, wants ...string) string {
	t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		select {
		case l, ok := <-v.lines:
			if !ok {
				t.Fatalf("connection closed before %q", wants)
			}
			for _, w := range wants {
				if strings.Contains(l, w) {
					return l
				}
			}
		case <-timeout:
			t.Fatalf("no line with %q", wants)
		}
	}
}
