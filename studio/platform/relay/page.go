package relay

import (
	"embed"
	"net/http"
	"path"
)

// web is the viewer page: plain HTML, CSS and JavaScript, embedded so the
// relay serves it with no network and no CDN.
//
//go:embed web
var web embed.FS

var assetTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".svg": "image/svg+xml",
}

// servePage serves the viewer page of a room; the page finds its WHEP and
// event URLs relative to its own.
func servePage(w http.ResponseWriter, r *http.Request) {
	if !validRoom(w, r.PathValue("room")) {
		return
	}
	b, err := web.ReadFile("web/index.html")
	if err != nil {
		httpError(w, http.StatusInternalServerError, "the page is missing: %v", err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	// Everything the page loads is its own: no CDN, no inline script.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https: http:; media-src 'self' blob:; connect-src 'self' ws: wss:; style-src 'self'; script-src 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b)
}

func serveAsset(w http.ResponseWriter, r *http.Request) {
	name := path.Base(r.PathValue("file"))
	ct, ok := assetTypes[path.Ext(name)]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, err := web.ReadFile("web/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(b)
}
