package ui

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// LoadFeed is a synthetic chat at a fixed rate: a busy show's mix of
// plain messages, questions, "I want it"s and held spam. It measures the
// window under load (vitrina run with VITRINA_CHAT_LOAD) and stands in for
// the chat in demos; it is not a connector.
type LoadFeed struct {
	rate int
	mu   sync.Mutex
	acts []ChatAction
}

// NewLoadFeed makes a feed of rate messages a second.
func NewLoadFeed(rate int) *LoadFeed { return &LoadFeed{rate: rate} }

var loadLines = []struct {
	text, action string
	queues       []string
	products     []string
}{
	{"hello from Riga!", "allow", nil, nil},
	{"how long is the cable on the kettle?", "allow", []string{"question"}, []string{"KET-01"}},
	{"I want the blue one 🙋", "allow", []string{"want"}, []string{"MUG-BLU"}},
	{"does it ship to Spain?", "allow", []string{"question"}, nil},
	{"12", "allow", []string{"want"}, []string{"MUG-BLU"}},
	{"cheap followers at spam.example", "hold", []string{"held"}, nil},
	{"love this show", "allow", nil, nil},
	{"what sizes are there?", "allow", []string{"question"}, []string{"TEE-M"}},
}

var loadPlatforms = []string{"relay", "youtube", "twitch"}

// Messages sends messages at the feed's rate until the returned function
// is called. Each carries Received, when it was handed over.
func (f *LoadFeed) Messages() (<-chan ChatMessage, func()) {
	ch := make(chan ChatMessage, 1024)
	done := make(chan struct{})
	var once sync.Once
	go func() {
		defer close(ch)
		// Messages go out in 1 ms steps, as a busy connector delivers them.
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		start := time.Now()
		sent := 0
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				due := int(now.Sub(start).Seconds() * float64(f.rate))
				for ; sent < due; sent++ {
					l := loadLines[sent%len(loadLines)]
					m := ChatMessage{
						ID: fmt.Sprintf("load-%d", sent), Platform: loadPlatforms[sent%len(loadPlatforms)],
						User: fmt.Sprintf("viewer%d", sent%97), Display: fmt.Sprintf("Viewer %d", sent%97),
						Text: l.text, Action: l.action, Queues: l.queues, Products: l.products,
						Time: now, Received: time.Now(),
					}
					if sent%13 == 0 {
						m.Badges = []string{"subscriber"}
					}
					if l.action == "hold" {
						m.Rules = []string{"link"}
					}
					select {
					case ch <- m:
					case <-done:
						return
					}
				}
			}
		}
	}()
	return ch, func() { once.Do(func() { close(done) }) }
}

// Act records the action; a synthetic chat has nobody to tell.
func (f *LoadFeed) Act(_ context.Context, _ ChatMessage, a ChatAction) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.acts = append(f.acts, a)
	return nil
}
