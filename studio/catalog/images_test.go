package catalog

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A server with every way an image host goes wrong.
func badHost(t *testing.T) *httptest.Server {
	png := readTestdata(t, "images/mug-350.png")
	mux := http.NewServeMux()
	mux.HandleFunc("/ok.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	})
	mux.HandleFunc("/no-type.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // the magic bytes decide
		w.Write(png)
	})
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html>please log in</html>"))
	})
	mux.HandleFunc("/lying.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte("<?php echo 'not a picture'; ?>"))
	})
	mux.HandleFunc("/huge.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
		w.Write(bytes.Repeat([]byte{0}, 64<<10)) // no Content-Length known up front: chunked
	})
	mux.HandleFunc("/hangs.png", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only when the client gives up
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchChecksTypeSizeAndTime(t *testing.T) {
	srv := badHost(t)
	dir := t.TempDir()
	c := &ImageCache{Dir: dir, Client: srv.Client(), Timeout: 300 * time.Millisecond, MaxBytes: 16 << 10}
	cases := []struct {
		path, wantErr string
	}{
		{"/ok.png", ""},
		{"/no-type.png", ""},
		{"/login", "served as text/html, not an image"},
		{"/lying.jpg", "not a JPEG, PNG, GIF or WebP image"},
		{"/huge.png", "over the 16384-byte cap"},
		{"/hangs.png", "no answer within 300ms"},
		{"/missing.png", "HTTP 404"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			start := time.Now()
			local, err := c.Fetch(context.Background(), srv.URL+tc.path, "")
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if filepath.Dir(local) != dir || filepath.Ext(local) != ".png" {
					t.Errorf("cached at %s, want %s/<sha256>.png", local, dir)
				}
				return
			}
			if !errors.Is(err, ErrImage) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %v, want ErrImage with %q", err, tc.wantErr)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %s: the timeout did not hold", time.Since(start))
			}
		})
	}
	// Only the two good downloads are left, as one file (same bytes); no partial files.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("cache holds %v, want one file", names)
	}
	// A failed request must not repeat the URL: it may carry a token.
	_, err := c.Fetch(context.Background(), "http://127.0.0.1:1/private/p.png?token=SECRET", "")
	if err == nil || strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "p.png") {
		t.Errorf("a refused connection: %v; want an error with the URL redacted", err)
	}
	if _, err := c.Fetch(context.Background(), "ftp://example.com/a.png", ""); err == nil || !strings.Contains(err.Error(), `scheme "ftp"`) {
		t.Errorf("ftp URL: %v", err)
	}
}

// A failed image is a warning naming its line; the product is imported.
func TestFailedImagesAreWarnings(t *testing.T) {
	srv := badHost(t)
	csv := "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Image Src,Image Position\n" +
		"cup,Cup,Title,Default Title,CUP-1,5.00," + srv.URL + "/ok.png,1\n" +
		"cup,,,,,," + srv.URL + "/login,2\n" +
		"cup,,,,,," + srv.URL + "/hangs.png,3\n"
	db, dir := openDB(t)
	imgs := &ImageCache{Dir: filepath.Join(dir, "images"), Client: srv.Client(), Timeout: 200 * time.Millisecond}
	rep, err := importBytes(t, db, dir, nil, []byte(csv), Options{Images: imgs})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Images != (ImageCounts{Cached: 1, Failed: 2}) || len(rep.Warnings) != 2 ||
		rep.Warnings[0].Line != 3 || rep.Warnings[1].Line != 4 {
		t.Errorf("images %+v, warnings %v; want 1 cached and warnings on lines 3 and 4", rep.Images, rep.Warnings)
	}
	l := listing(t, db)["CUP-1"]
	if len(l.Images) != 1 {
		t.Errorf("listing images %v, want the one cached", l.Images)
	}
	// The failed ones are remembered, so the next import tries them again.
	if n := countRows(t, db, "images"); n != 3 {
		t.Errorf("%d image rows, want 3", n)
	}
}

// Paths in the file are relative to the CSV's folder, or absolute.
func TestLocalImagePaths(t *testing.T) {
	csvDir := t.TempDir()
	os.MkdirAll(filepath.Join(csvDir, "pics"), 0o755)
	png := readTestdata(t, "images/mug-sakura.png")
	gif := readTestdata(t, "images/linen-apron-detail.gif")
	os.WriteFile(filepath.Join(csvDir, "pics", "a.png"), png, 0o644)
	abs := filepath.Join(t.TempDir(), "b.gif")
	os.WriteFile(abs, gif, 0o644)
	os.WriteFile(filepath.Join(csvDir, "pics", "notes.txt"), []byte("just text"), 0o644)
	csv := "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Image Src\n" +
		"cup,Cup,Title,Default Title,CUP-1,5.00,pics/a.png\n" +
		"cup,,,,,," + abs + "\n" +
		"cup,,,,,,pics/notes.txt\n" +
		"cup,,,,,,pics/gone.png\n"
	path := filepath.Join(csvDir, "products.csv")
	os.WriteFile(path, []byte(csv), 0o644)

	db, dir := openDB(t)
	rep, err := ImportFile(context.Background(), db, path, Options{Images: &ImageCache{Dir: filepath.Join(dir, "images")}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Images != (ImageCounts{Cached: 2, Failed: 2}) {
		t.Errorf("images %+v (warnings %v), want 2 cached and 2 failed", rep.Images, rep.Warnings)
	}
	imgs := listing(t, db)["CUP-1"].Images
	if len(imgs) != 2 || filepath.Ext(imgs[0]) != ".png" || filepath.Ext(imgs[1]) != ".gif" {
		t.Fatalf("images %v, want the PNG then the GIF", imgs)
	}
	if b, _ := os.ReadFile(imgs[0]); !bytes.Equal(b, png) {
		t.Error("the cached PNG differs from the original")
	}
}
