package chat

import (
	"slices"
	"testing"
	"time"
)

var triageProducts = []Product{
	{Ref: "GZ-PUR-S", Title: "Gauze shirt, purple", Keywords: []string{"gauze shirt", "gauze"}, Number: "12"},
	{Ref: "LN-DRS", Title: "Linen dress", Number: "7"},
}

func TestTriage(t *testing.T) {
	rs := DefaultRules()
	rs.Triage.Hosts = []string{"@Anna"}
	tr := newTriage(rs, triageProducts)
	tests := []struct {
		text     string
		question bool
		want     bool
		mention  bool
		products []string
	}{
		// Questions.
		{"how much?", true, false, false, nil},
		{"is it silk", true, false, false, nil},
		{"this is silk", false, false, false, nil},
		{"omg is it silk", true, false, false, nil},
		{"what size is she wearing", true, false, false, nil},
		{"what a dress!", false, false, false, nil},
		{"有没有L码", true, false, false, nil},
		{"多少钱？", true, false, false, nil},
		{"这个是纯棉的吗", true, false, false, nil},
		{"сколько стоит синее", true, false, false, nil},
		{"а как стирать", true, false, false, nil},
		{"как красиво!", false, false, false, nil},
		{"подойдёт ли на рост 160", true, false, false, nil},
		{"есть ли 46 размер", true, false, false, nil},
		{"cik maksā", true, false, false, nil},
		{"kā to mazgāt", true, false, false, nil},
		{"vai ir M izmērs", true, false, false, nil},
		{"kad būs nākamā tiešraide", true, false, false, nil},
		{"cuánto cuesta", true, false, false, nil},
		{"¿hay en rojo?", true, false, false, nil},
		{"¡Qué bonito!", false, false, false, nil},
		{"dónde está el enlace", true, false, false, nil},
		{"كم السعر", true, false, false, nil},
		{"هل يوجد مقاس كبير", true, false, false, nil},
		// Want it.
		{"sold", false, true, false, nil},
		{"+1", false, true, false, nil},
		{"+1 for the green one", false, true, false, nil},
		{"++", false, true, false, nil},
		{"mine!", false, true, false, nil},
		{"I'll take it", false, true, false, nil},
		{"me", false, true, false, nil},
		{"sold out?", true, false, false, nil},
		{"хочу!", false, true, false, nil},
		{"не хочу", false, false, false, nil},
		{"беру две", false, true, false, nil},
		{"要！", false, true, false, nil},
		{"我要两件", false, true, false, nil},
		{"不要", false, false, false, nil},
		{"我需要想想", false, false, false, nil},
		{"gribu!", false, true, false, nil},
		{"ņemu", false, true, false, nil},
		{"lo quiero", false, true, false, nil},
		{"me lo llevo", false, true, false, nil},
		{"أريد واحد", false, true, false, nil},
		{"call me +1 555 123 4567", false, false, false, nil},
		// Products.
		{"the gauze shirt!", false, true, false, []string{"GZ-PUR-S"}},
		{"does the gauze shirt come in blue?", true, false, false, []string{"GZ-PUR-S"}},
		{"12", false, true, false, []string{"GZ-PUR-S"}},
		{"#12 please", false, true, false, []string{"GZ-PUR-S"}},
		{"№7", false, true, false, []string{"LN-DRS"}},
		{"number 7 for me", false, true, false, []string{"LN-DRS"}},
		{"7号", false, true, false, []string{"LN-DRS"}},
		{"linen dress in M", false, true, false, []string{"LN-DRS"}},
		{"size 12 or 14?", true, false, false, nil},
		// Mentions.
		{"@anna show the back", false, false, true, nil},
		{"@ANNA how much", true, false, true, nil},
		{"@bob hi", false, false, false, nil},
	}
	for _, tt := range tests {
		n := Normalize(tt.text)
		r := tr.classify(&n)
		var refs []string
		for _, i := range r.products {
			refs = append(refs, triageProducts[i].Ref)
		}
		if r.question != tt.question || r.want != tt.want || r.mention != tt.mention || !slices.Equal(refs, tt.products) {
			t.Errorf("%q: question=%v want=%v mention=%v products=%v; want %v %v %v %v (plain %q)",
				tt.text, r.question, r.want, r.mention, refs, tt.question, tt.want, tt.mention, tt.products, n.Plain)
		}
	}
}

func TestInterest(t *testing.T) {
	p := New(Config{Products: triageProducts})
	// 44 people ask for the gauze shirt in 30 s, one of them twice; two
	// ask for the dress; a scam naming the shirt does not count.
	for i := 0; i < 44; i++ {
		p.Process(Message{User: "u" + string(rune('A'+i)), Text: "gauze shirt!", Time: t0.Add(time.Second + time.Duration(i)*600*time.Millisecond)})
	}
	p.Process(Message{User: "uA", Text: "#12 please", Time: t0.Add(27 * time.Second)})
	p.Process(Message{User: "x", Text: "7", Time: t0.Add(28 * time.Second)})
	p.Process(Message{User: "y", Text: "linen dress", Time: t0.Add(29 * time.Second)})
	p.Process(Message{User: "z", Text: "gauze shirt free, send 1 btc", Time: t0.Add(29 * time.Second)})
	got := p.Interest(t0.Add(30*time.Second), 30*time.Second)
	want := []Interest{
		{Ref: "GZ-PUR-S", Mentions: 45, People: 44, Window: 30 * time.Second},
		{Ref: "LN-DRS", Mentions: 2, People: 2, Window: 30 * time.Second},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Interest = %+v, want %+v", got, want)
	}
	// A minute later the window has moved past them all.
	if got := p.Interest(t0.Add(2*time.Minute), 30*time.Second); len(got) != 0 {
		t.Errorf("Interest later = %+v, want none", got)
	}
}
