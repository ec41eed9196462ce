package relay

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Between publishers (the studio stopped, or is reconnecting) a new viewer
// is answered 404 at once, so a page waiting for the show asks again; a
// viewer already watching stays connected and gets the next studio's
// stream.
func TestWHEPWhileOffAir(t *testing.T) {
	srv, base := startRelay(t, Config{})
	rm, _ := srv.room("show")
	pub := publish(t, base, 0x1234, 100)
	v := watch(t, base)
	eventually(t, 10*time.Second, "the first publisher's video", func() bool { return v.video.Load() >= 30 })

	if r := do(t, http.MethodDelete, pub.resource, testToken); r.StatusCode != http.StatusOK {
		t.Fatalf("WHIP DELETE: %d", r.StatusCode)
	}
	pub.close()
	start := time.Now()
	_, err := tryWatch(t, base, watchOpts{})
	var st *httpStatus
	if !errors.As(err, &st) || st.code != http.StatusNotFound || !strings.Contains(st.body, "nothing is published") {
		t.Errorf("WHEP after the studio stopped: %v, want 404 nothing is published", err)
	}
	t.Logf("a viewer's offer with nothing published was answered in %v (its ICE gathering included)", time.Since(start).Round(time.Millisecond))
	if n := rm.viewerCount(); n != 1 {
		t.Errorf("%d viewers after the studio stopped, want the one watching", n)
	}

	before := v.video.Load()
	publish(t, base, 0x9999, 50000)
	eventually(t, 10*time.Second, "the next publisher's video reaches the viewer who stayed", func() bool { return v.video.Load() >= before+30 })
	watch(t, base) // and a new viewer is taken again
}
