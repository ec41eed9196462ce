package sdphttp

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const secret = "tok-secret-9071"

// seen is one request as the server got it.
type seen struct {
	method, path, auth, body, contentType string
	hasAuth                               bool
}

// endpoint is a WHIP/WHEP edge: /old redirects with a relative Location,
// /live answers 201 with a relative Location and a Link, /busy is a 503
// that says the token back, /loop redirects to itself.
func endpoint(t *testing.T) (*httptest.Server, func() []seen) {
	var mu sync.Mutex
	var log []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		_, has := r.Header["Authorization"]
		mu.Lock()
		log = append(log, seen{r.Method, r.URL.Path, r.Header.Get("Authorization"), string(body), r.Header.Get("Content-Type"), has})
		mu.Unlock()
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/a/old/whip":
			w.Header().Set("Location", "../live/whip")
			w.WriteHeader(http.StatusTemporaryRedirect)
		case r.Method == http.MethodPost && r.URL.Path == "/a/live/whip":
			w.Header().Add("Link", `<stun:stun.example.net>; rel="ice-server"`)
			w.Header().Set("Location", "session/7")
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, "v=0 answer")
		case r.Method == http.MethodPost && r.URL.Path == "/loop":
			w.Header().Set("Location", "/loop")
			w.WriteHeader(http.StatusPermanentRedirect)
		case r.Method == http.MethodPost && r.URL.Path == "/nolocation":
			w.WriteHeader(http.StatusCreated)
		case r.URL.Path == "/busy":
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "  busy, your "+r.Header.Get("Authorization")+" "+strings.Repeat("x", 300))
		case r.Method == http.MethodDelete && r.URL.Path == "/a/live/session/7":
		case r.Method == http.MethodDelete && r.URL.Path == "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []seen { mu.Lock(); defer mu.Unlock(); return append([]seen(nil), log...) }
}

// The offer follows the redirect with its token and body, resolves both
// relative Locations against the URL that sent them, and the DELETE goes,
// authorized, to the session.
func TestOfferFollowsRedirectAndDeletes(t *testing.T) {
	srv, requests := endpoint(t)
	c := New(secret, nil)
	a, err := c.Offer(context.Background(), srv.URL+"/a/old/whip", "v=0 offer")
	if err != nil {
		t.Fatal(err)
	}
	if a.SDP != "v=0 answer" || a.Resource != srv.URL+"/a/live/session/7" || len(a.Links) != 1 {
		t.Errorf("answer %+v", a)
	}
	if err := c.Delete(a.Resource); err != nil {
		t.Errorf("Delete: %v", err)
	}
	got := requests()
	if len(got) != 3 || got[1].path != "/a/live/whip" || got[2].method != http.MethodDelete {
		t.Fatalf("requests %+v: want POST, POST after the redirect, DELETE", got)
	}
	for _, r := range got[:2] {
		if r.auth != "Bearer "+secret || r.body != "v=0 offer" || r.contentType != "application/sdp" {
			t.Errorf("POST %+v: want the token, the offer and application/sdp", r)
		}
	}
	if got[2].auth != "Bearer "+secret {
		t.Errorf("DELETE without the token: %+v", got[2])
	}
	if err := c.Delete(srv.URL + "/gone"); err != nil {
		t.Errorf("Delete of a session already gone (404): %v", err)
	}
	if err := c.Delete(srv.URL + "/broken"); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("Delete answered 500: %v", err)
	}
}

func TestNoTokenNoAuthorizationHeader(t *testing.T) {
	srv, requests := endpoint(t)
	c := New("", nil)
	a, err := c.Offer(context.Background(), srv.URL+"/a/old/whip", "v=0 offer")
	if err != nil {
		t.Fatal(err)
	}
	c.Options(context.Background(), srv.URL+"/a/live/whip")
	c.Delete(a.Resource)
	for _, r := range requests() {
		if r.hasAuth {
			t.Errorf("%s %s sent an Authorization header without a token", r.method, r.path)
		}
	}
}

// A refusal keeps its code, a short scrubbed detail and Retry-After; the
// token shows in no error, from the server or from the network.
func TestErrorsKeepTheTokenOut(t *testing.T) {
	srv, _ := endpoint(t)
	c := New(secret, nil)
	_, serr := c.Offer(context.Background(), srv.URL+"/busy?token="+secret, "v=0")
	var se *StatusError
	if !errors.As(serr, &se) || se.Code != 503 || se.RetryAfter != 7*time.Second {
		t.Fatalf("error %#v, want a 503 StatusError with Retry-After 7 s", serr)
	}
	if !strings.HasPrefix(se.Detail, "busy, your Bearer <token> x") || len(se.Detail) != 200+len("…") {
		t.Errorf("detail %q: want the body trimmed, scrubbed and cut at 200 bytes", se.Detail)
	}
	if want := srv.URL + "/busy/***"; se.URL != want {
		t.Errorf("URL %q, want %q", se.URL, want)
	}
	if _, err := c.Options(context.Background(), srv.URL+"/busy"); !errors.As(err, &se) || se.Code != 503 {
		t.Errorf("Options: %v, want the 503", err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/live/" + secret + "/whip?token=" + secret
	l.Close()
	_, oerr := c.Offer(context.Background(), closed, "v=0")
	var e *Error
	if !errors.As(oerr, &e) || e.Kind != Unreachable {
		t.Fatalf("error %v, want Unreachable", oerr)
	}
	derr := c.Delete(closed)
	for _, err := range []error{serr, oerr, derr} {
		if err == nil || strings.Contains(err.Error(), secret) {
			t.Errorf("error %v shows the token", err)
		}
	}
}

func TestRedirectLoopAndMissingLocation(t *testing.T) {
	srv, requests := endpoint(t)
	c := New("", nil)
	_, err := c.Offer(context.Background(), srv.URL+"/loop", "v=0")
	var e *Error
	if !errors.As(err, &e) || e.Kind != TooManyRedirects || len(requests()) != MaxRedirects+1 {
		t.Errorf("error %v after %d POSTs, want TooManyRedirects after %d", err, len(requests()), MaxRedirects+1)
	}
	_, err = c.Offer(context.Background(), srv.URL+"/nolocation", "v=0")
	if !errors.As(err, &e) || e.Kind != BadLocation || !strings.Contains(err.Error(), "201 with a bad Location: no Location header") {
		t.Errorf("error %v, want BadLocation", err)
	}
}

// The caller's client keeps its own redirect policy; ours is a copy.
func TestNewLeavesTheCallersClientAlone(t *testing.T) {
	hc := &http.Client{}
	New("", hc)
	if hc.CheckRedirect != nil {
		t.Error("New changed the caller's client")
	}
}
