package chatstore

import (
	"context"
	"testing"

	"github.com/vitrina-live/vitrina/studio/store"
)

// BenchmarkWriteChat is the store's rate for chat rows written in batches
// of 1,000: what bounds the flood a show can persist (rows/s reported).
func BenchmarkWriteChat(b *testing.B) {
	db := openDB(b)
	rows := make([]store.ChatMessage, 1000)
	for i := range rows {
		it := &item{msg: floodMessage(i), textBytes: len(floodMessage(i).Text)}
		it.dec.Action, it.dec.Rules, it.dec.Queues = "hold", []string{"links"}, []string{"held"}
		rows[i] = storeMessage("bench", it)
	}
	b.ResetTimer()
	for range b.N {
		if err := db.WriteChat(context.Background(), rows, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(rows))/b.Elapsed().Seconds(), "rows/s")
}
