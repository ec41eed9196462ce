package catalog

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/vitrina-live/vitrina/studio/media"
)

// ImageCounts says what happened to the file's images.
type ImageCounts struct {
	Cached int // fetched now
	Reused int // already cached by an earlier import
	Failed int // warnings; the product is imported without that picture
}

// cacheImages fills LocalPath on every item's images. Each distinct source is
// fetched once, a few at a time; one already cached by an earlier import
// (known holds those) is reused while its file is still there. A failure is
// a warning on the image's line, never a failed product.
func (c *ImageCache) cacheImages(ctx context.Context, items []*item, baseDir string, known map[string]string) (ImageCounts, []RowError) {
	type job struct {
		src  string
		line int
	}
	var counts ImageCounts
	local := map[string]string{}
	var jobs []job
	for _, it := range items {
		for i, im := range it.p.Images {
			if _, seen := local[im.Src]; seen {
				continue
			}
			if p := known[im.Src]; p != "" && fileExists(p) {
				local[im.Src] = p
				counts.Reused++
				continue
			}
			local[im.Src] = ""
			jobs = append(jobs, job{im.Src, it.ilines[i]})
		}
	}

	workers := c.Concurrency
	if workers <= 0 {
		workers = 4
	}
	var (
		mu    sync.Mutex
		warns []RowError
		wg    sync.WaitGroup
		next  = make(chan job)
	)
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				p, err := c.Fetch(ctx, j.src, baseDir)
				mu.Lock()
				if err != nil {
					counts.Failed++
					warns = append(warns, RowError{Line: j.line, Reason: err.Error()})
					if c.Logger != nil {
						c.Logger.Warn("image not cached", "line", j.line, "src", redactSrc(j.src), "err", err)
					}
				} else {
					counts.Cached++
					local[j.src] = p
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()

	for _, it := range items {
		for i := range it.p.Images {
			it.p.Images[i].LocalPath = local[it.p.Images[i].Src]
		}
	}
	return counts, warns
}

// redactSrc logs a URL through the one redaction helper; a file path is not
// a URL and has no secrets in it.
func redactSrc(src string) string {
	if u := media.RedactURL(src); u != "***" {
		return u
	}
	return fmt.Sprintf("file %s", src)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
