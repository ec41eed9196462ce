package catalog

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/media"
)

// ImageCache copies product images into a folder, named by the SHA-256 of
// their bytes so the same picture named by two URLs is stored once and a
// re-import finds it again. Product cards are drawn from these local files,
// so a show never waits on a shop's CDN.
type ImageCache struct {
	Dir         string        // dataDir/images
	Client      *http.Client  // nil: http.DefaultTransport with Timeout
	Timeout     time.Duration // per image; 0 means DefaultImageTimeout
	MaxBytes    int64         // per image; 0 means DefaultImageMaxBytes
	Concurrency int           // downloads at once; 0 means 4
	Logger      *slog.Logger
}

const (
	DefaultImageTimeout  = 20 * time.Second
	DefaultImageMaxBytes = 20 << 20 // a 4K product photo as a JPEG is well under this
)

// imageExt maps what the bytes sniff as to the extension they are saved
// with. Only formats the overlay renderer decodes are kept: SVG is refused
// (it is text that can carry scripts), and so is anything else.
var imageExt = map[string]string{
	"image/jpeg": ".jpg",
	"image/png":  ".png",
	"image/gif":  ".gif",
	"image/webp": ".webp",
}

// Fetch caches the image src names, a http(s) URL or a file path relative to
// baseDir, and returns the local path.
func (c *ImageCache) Fetch(ctx context.Context, src, baseDir string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()

	body, err := c.open(ctx, src, baseDir)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrImage, err)
	}
	defer body.Close()
	local, err := c.save(body)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrImage, err)
	}
	return local, nil
}

func (c *ImageCache) open(ctx context.Context, src, baseDir string) (io.ReadCloser, error) {
	u, err := url.Parse(src)
	// A one-letter scheme is a Windows drive (C:\photos\a.jpg), not a URL.
	if err != nil || len(u.Scheme) <= 1 {
		p := src
		if !filepath.IsAbs(p) {
			p = filepath.Join(baseDir, p)
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("image file: %w", err)
		}
		return f, nil
	}
	switch strings.ToLower(u.Scheme) {
	case "file":
		f, err := os.Open(u.Path)
		if err != nil {
			return nil, fmt.Errorf("image file: %w", err)
		}
		return f, nil
	case "http", "https":
	default:
		return nil, fmt.Errorf("scheme %q: want http, https or a file path", u.Scheme)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", media.RedactURL(src), unwrapURL(err))
	}
	req.Header.Set("Accept", "image/webp,image/png,image/jpeg,image/gif")
	client := c.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("%s: no answer within %s", media.RedactURL(src), c.timeout())
		}
		return nil, fmt.Errorf("%s: %w", media.RedactURL(src), unwrapURL(err))
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: HTTP %s", media.RedactURL(src), resp.Status)
	}
	// Trust the bytes over the header, but a server that says HTML is
	// answering with an error or login page: say so rather than "not an image".
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct != "" &&
		!strings.HasPrefix(ct, "image/") && ct != "application/octet-stream" && ct != "binary/octet-stream" {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: served as %s, not an image", media.RedactURL(src), ct)
	}
	if resp.ContentLength > c.maxBytes() {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %d bytes, over the %d-byte cap", media.RedactURL(src), resp.ContentLength, c.maxBytes())
	}
	return resp.Body, nil
}

// unwrapURL drops the *url.Error wrapper, which repeats the whole URL (query
// tokens included) and would undo the redaction.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (c *ImageCache) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultImageTimeout
}

func (c *ImageCache) maxBytes() int64 {
	if c.MaxBytes > 0 {
		return c.MaxBytes
	}
	return DefaultImageMaxBytes
}

// save streams body into Dir under its hash, checking the magic bytes first
// and the size cap throughout, and never leaves a partial file behind.
func (c *ImageCache) save(body io.Reader) (string, error) {
	br := bufio.NewReaderSize(io.LimitReader(body, c.maxBytes()+1), 4096)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", fmt.Errorf("reading: %w", err)
	}
	kind := http.DetectContentType(head)
	ext, ok := imageExt[kind]
	if !ok {
		return "", fmt.Errorf("not a JPEG, PNG, GIF or WebP image (the bytes look like %s)", kind)
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return "", fmt.Errorf("image folder: %w", err)
	}
	tmp, err := os.CreateTemp(c.Dir, ".part-*")
	if err != nil {
		return "", fmt.Errorf("image folder: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename this removes nothing
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), br)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("reading: %w", err)
	}
	if n > c.maxBytes() {
		return "", fmt.Errorf("over the %d-byte cap", c.maxBytes())
	}
	final := filepath.Join(c.Dir, hex.EncodeToString(h.Sum(nil))+ext)
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", fmt.Errorf("image folder: %w", err)
	}
	return final, nil
}
