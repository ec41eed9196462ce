package catalog

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vitrina-live/vitrina/studio/store"
)

func openDB(t testing.TB) (*store.DB, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := store.OpenDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dir
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cdn stands in for the shops' image hosts: every request, whatever its
// host, is answered from testdata/images by the file name in the URL path,
// so the samples keep their real-looking CDN URLs.
type cdn struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func (c *cdn) hitCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, h := range c.hits {
		n += h
	}
	return n
}

func newCDN(t testing.TB) *cdn {
	c := &cdn{hits: map[string]int{}}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		c.mu.Lock()
		c.hits[name]++
		c.mu.Unlock()
		b, err := os.ReadFile(filepath.Join("testdata", "images", name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", http.DetectContentType(b))
		w.Write(b)
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// client sends every request to the test server, keeping the path.
func (c *cdn) client() *http.Client {
	target, _ := url.Parse(c.srv.URL)
	return &http.Client{Transport: rewrite{target: target, base: c.srv.Client().Transport}}
}

type rewrite struct {
	target *url.URL
	base   http.RoundTripper
}

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.target.Scheme, r.target.Host
	return r.base.RoundTrip(req)
}

// importBytes runs an import with the images fetched from the fake CDN into
// dataDir/images.
func importBytes(t testing.TB, db *store.DB, dataDir string, c *cdn, data []byte, opt Options) (*Report, error) {
	t.Helper()
	if c != nil && opt.Images == nil {
		opt.Images = &ImageCache{Dir: filepath.Join(dataDir, "images"), Client: c.client()}
	}
	if opt.BaseDir == "" {
		opt.BaseDir = "testdata"
	}
	return Import(context.Background(), db, data, opt)
}

func listing(t testing.TB, db *store.DB) map[string]store.Listing {
	t.Helper()
	ls, err := store.ListVariants(context.Background(), db.Reader())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Listing{}
	for _, l := range ls {
		key := l.SKU
		if key == "" {
			key = l.Handle + "/" + store.EncodeOptions(l.Options)
		}
		out[key] = l
	}
	return out
}

func productsByHandle(t testing.TB, db *store.DB) map[string]*store.Product {
	t.Helper()
	ps, err := store.LoadCatalog(context.Background(), db.Reader())
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func countRows(t testing.TB, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.Reader().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func i64(v int64) *int64 { return &v }

func fmtPtr(p *int64) string {
	if p == nil {
		return "nil"
	}
	return FormatMoney(*p)
}

// editCSV rewrites a sample record by record: fn gets the header and the
// records and returns the records to write.
func editCSV(t testing.TB, data []byte, fn func(col func(string) int, recs [][]string) [][]string) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, bomUTF8)))
	all, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := all[0]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Write(header)
	w.WriteAll(fn(col, all[1:]))
	return out.Bytes()
}
