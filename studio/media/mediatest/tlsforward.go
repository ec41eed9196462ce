package mediatest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TLSForwarder ends TLS on a loopback port and passes the plain bytes on to
// another server. FFmpeg cannot listen on rtmps and Debian's nginx-rtmp has
// no TLS, so tests of RTMPS outputs put this in front of StartNginxRTMP: the
// client speaks real TLS, nginx sees plain RTMP and records it.
type TLSForwarder struct {
	Port int
	// CAFile is the self-signed certificate (for 127.0.0.1 and localhost)
	// in PEM, for a client that verifies the server.
	CAFile string

	handshakes atomic.Int64
	failed     atomic.Int64
}

// URL is the rtmps:// ingest URL of one application, without a stream key.
func (f *TLSForwarder) URL(app string) string {
	return fmt.Sprintf("rtmps://127.0.0.1:%d/%s", f.Port, app)
}

// Handshakes counts the TLS handshakes that completed: proof that a client
// really spoke TLS rather than being let through in plain text.
func (f *TLSForwarder) Handshakes() int64 { return f.handshakes.Load() }

// Failed counts the handshakes that failed, as when a client that verifies
// certificates refuses the self-signed one.
func (f *TLSForwarder) Failed() int64 { return f.failed.Load() }

// StartTLSForwarder listens on a free loopback port and forwards each
// connection to target ("127.0.0.1:PORT"). It stops, closing every
// connection and waiting for its goroutines, when the test ends.
func StartTLSForwarder(t testing.TB, target string) *TLSForwarder {
	t.Helper()
	cert, pemBytes := selfSigned(t)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatal(err)
	}
	f := &TLSForwarder{Port: ln.Addr().(*net.TCPAddr).Port, CAFile: filepath.Join(t.TempDir(), "ca.pem")}
	if err := os.WriteFile(f.CAFile, pemBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns = map[net.Conn]struct{}{}
		done  bool
	)
	track := func(c net.Conn) bool {
		mu.Lock()
		defer mu.Unlock()
		if done {
			c.Close()
			return false
		}
		conns[c] = struct{}{}
		return true
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return // closed at cleanup
			}
			if !track(c) {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				f.serve(c.(*tls.Conn), target, track)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		done = true
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return f
}

// serve completes the handshake, dials the target and copies both ways
// until either side closes; then it closes both, so the other side sees
// the end too (nginx finishes its recording when the publisher goes).
func (f *TLSForwarder) serve(c *tls.Conn, target string, track func(net.Conn) bool) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if err := c.Handshake(); err != nil {
		f.failed.Add(1)
		return
	}
	c.SetDeadline(time.Time{})
	f.handshakes.Add(1)
	up, err := net.Dial("tcp", target)
	if err != nil || !track(up) {
		return
	}
	defer up.Close()
	copied := make(chan struct{}, 2)
	go func() { io.Copy(up, c); copied <- struct{}{} }()
	go func() { io.Copy(c, up); copied <- struct{}{} }()
	<-copied
	c.Close()
	up.Close()
	<-copied
}

// selfSigned makes a certificate for 127.0.0.1 and localhost, valid for an
// hour around now, that is its own CA.
func selfSigned(t testing.TB) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "127.0.0.1", Organization: []string{"Vitrina tests"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pemBytes
}
