package chat

import (
	"fmt"
	"testing"
	"time"
)

// benchTexts is a mix like a busy show's chat: short reactions, questions,
// want-it, other scripts, and some spam for every rule family.
var benchTexts = []string{
	"sold!", "+1", "how much is the gauze shirt?", "love the colour 😍😍", "is it 100% cotton or blended?",
	"I'll take it in M please", "@anna show the back please", "хочу! сколько стоит?", "多少钱？有没有L码",
	"cik maksā tas zilais?", "¿cuánto cuesta la talla M?", "كم السعر؟", "check out my channel for hauls",
	"send 0.1 ETH get 1 ETH back", "look bit.ly/abc123", "cheap bags at luxbags dot com",
	"call +7 912 345 67 89", "OMG I NEED THIS IN EVERY COLOR RIGHT NOW PLEASE SAVE ONE FOR ME",
	"ѕеnd 0.1 ЕТН get 1 ЕТН", "fr33 g1ft c4rd dm me", "the shipping to Riga was fast, thanks!",
	"12", "my order 48213 hasn't arrived", "😂😂😂",
}

// BenchmarkPipeline is the throughput of Process on one goroutine with
// every rule on: messages per second is 1e9 / ns/op (also reported). The
// chat is a busy show's: 2,000 messages a second from 20,000 viewers.
func BenchmarkPipeline(b *testing.B) {
	rs := DefaultRules()
	rs.NewUser.FirstMessage = true // every rule on
	rs.Triage.Hosts = []string{"anna"}
	p := New(Config{Rules: rs, Sink: &CountingSink{}, Products: triageProducts})
	msgs := make([]Message, 4096)
	for i := range msgs {
		msgs[i] = Message{Platform: PlatformTwitch, Text: benchTexts[i%len(benchTexts)],
			AccountCreated: t0.Add(-48 * time.Hour)}
	}
	users, ids := make([]string, 20000), make([]string, 100000)
	for i := range users {
		users[i] = fmt.Sprint("viewer", i)
	}
	for i := range ids {
		ids[i] = fmt.Sprint("msg", i) // connectors always have the platform's id
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := processCPU()
	for i := 0; i < b.N; i++ {
		m := msgs[i%len(msgs)]
		m.User = users[i%len(users)]
		m.ID = ids[i%len(ids)]
		m.Time = t0.Add(time.Duration(i) * 500 * time.Microsecond)
		p.Process(m)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
	// Run with -cpu 1 so that the process's CPU time is one core's.
	if cpu1, ok := processCPU(); ok && cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(b.N)/(cpu1-cpu0).Seconds(), "msg/cpu-s")
	}
}

// BenchmarkNormalize is the share of the work that runs outside the lock.
func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Normalize(benchTexts[i%len(benchTexts)])
	}
}

// BenchmarkNew is the cost of compiling the rules, paid once per show.
func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		New(Config{})
	}
}
