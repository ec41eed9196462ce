package rtmp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"time"
)

// reach checks that the ingest server answers before FFmpeg connects:
// FFmpeg reports an unknown host or a refused connection as a bare
// "input/output error", while Go's dialer says which it was. The key is in
// the URL's path, never in the host, so the reason is safe to show.
func reach(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return errors.New("not a valid URL")
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"rtmp": "1935", "rtmps": "443"}[u.Scheme]
	}
	if port == "" {
		return fmt.Errorf("scheme %q is not rtmp or rtmps", u.Scheme)
	}
	d := net.Dialer{Timeout: 10 * time.Second}
	c, err := d.DialContext(ctx, "tcp", net.JoinHostPort(u.Hostname(), port))
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			return op.Err // "lookup HOST: no such host", "connect: connection refused"
		}
		return err
	}
	return c.Close()
}
