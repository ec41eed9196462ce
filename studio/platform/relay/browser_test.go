package relay

import (
	"testing"

	"github.com/vitrina-live/vitrina/studio/platform/relay/viewertest"
)

// page is the viewer page in headless Chromium (viewertest).
type page struct{ *viewertest.Page }

func openPage(t testing.TB, url string) *page {
	t.Helper()
	return &page{viewertest.Open(t, "../../../scripts/browser", url)}
}

// do sends one command and fails the test if the page could not do it.
func (p *page) do(cmd map[string]any) map[string]any {
	p.T.Helper()
	return p.Do(cmd)
}

// wait waits for selector (containing text) to be in the page.
func (p *page) wait(selector, text string, timeoutMS int) {
	p.T.Helper()
	p.do(map[string]any{"cmd": "wait", "selector": selector, "text": text, "timeout": timeoutMS})
}

func (p *page) text(selector string) string {
	p.T.Helper()
	s, _ := p.do(map[string]any{"cmd": "text", "selector": selector})["text"].(string)
	return s
}

// requests counts the page's requests of method to URLs containing match,
// waiting for at least atLeast of them.
func (p *page) requests(method, match string, atLeast, timeoutMS int) int {
	p.T.Helper()
	at, _ := p.do(map[string]any{"cmd": "requests", "method": method, "match": match, "atLeast": atLeast, "timeout": timeoutMS})["at"].([]any)
	return len(at)
}

// frames waits for the page to have decoded atLeast video frames, and
// returns how many it has.
func (p *page) frames(atLeast, timeoutMS int) int {
	p.T.Helper()
	n, _ := p.do(map[string]any{"cmd": "frames", "atLeast": atLeast, "timeout": timeoutMS})["framesDecoded"].(float64)
	return int(n)
}

// close ends the browser and fails the test on anything the page threw
// or logged as an error in its console.
func (p *page) close() {
	p.T.Helper()
	thrown, console := p.Close()
	if len(thrown) > 0 {
		p.T.Errorf("the page threw: %v", thrown)
	}
	if len(console) > 0 {
		p.T.Errorf("the page logged errors in its console: %v", console)
	}
}
