package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/show/timeline"
)

// CodeRow is one promo code or coupon: when it dropped and how often it was
// redeemed.
type CodeRow struct {
	Code, Kind, Dropped string
	Redemptions         int
}

// ActionRow is one kind of moderation action and how often it was taken.
type ActionRow struct {
	Action string
	Count  int
	Share  string // of all actions
}

// series reads the viewer counts and the chat rates, in time order.
func series(evs []timeline.Event) (viewers, chat []Sample) {
	for _, e := range evs {
		switch e.Kind {
		case timeline.KindViewers:
			if n, ok := e.Viewers(); ok {
				viewers = append(viewers, Sample{e.Offset, float64(n)})
			}
		case timeline.KindChatRate:
			if r, ok := e.ChatPerMinute(); ok {
				chat = append(chat, Sample{e.Offset, r})
			}
		}
	}
	byTime := func(a, b Sample) int { return cmp.Compare(a.At, b.At) }
	slices.SortStableFunc(viewers, byTime)
	slices.SortStableFunc(chat, byTime)
	return viewers, chat
}

// averageViewers weighs each count by how long it held, so a burst of
// updates in a busy minute does not outweigh a quiet half hour.
func averageViewers(v []Sample, length time.Duration) float64 {
	if len(v) == 0 {
		return 0
	}
	end := max(length, v[len(v)-1].At)
	total, sum := end-v[0].At, 0.0
	if total <= 0 {
		return v[len(v)-1].Value
	}
	for i, s := range v {
		next := end
		if i+1 < len(v) {
			next = v[i+1].At
		}
		sum += s.Value * (next - s.At).Seconds()
	}
	return sum / total.Seconds()
}

func peak(v []Sample) Sample {
	var p Sample
	for _, s := range v {
		if s.Value > p.Value {
			p = s
		}
	}
	return p
}

func viewersNote(v []Sample, length time.Duration) string {
	if len(v) == 0 {
		return ""
	}
	p := peak(v)
	return fmt.Sprintf("Peak %s at %s · average %s", formatCount(p.Value), Clock(p.At), formatCount(averageViewers(v, length)))
}

func chatNote(c []Sample) string {
	if len(c) == 0 {
		return ""
	}
	sum := 0.0
	for _, s := range c {
		sum += s.Value
	}
	p := peak(c)
	return fmt.Sprintf("Busiest %.0f messages/min at %s · average %.0f/min", p.Value, Clock(p.At), sum/float64(len(c)))
}

func (r *Report) promoSection(evs []timeline.Event) {
	byCode := map[string]*CodeRow{}
	var order []string
	row := func(code string) *CodeRow {
		if byCode[code] == nil {
			byCode[code] = &CodeRow{Code: code}
			order = append(order, code)
		}
		return byCode[code]
	}
	for _, e := range evs {
		code := e.Code()
		if code == "" {
			continue
		}
		switch e.Kind {
		case timeline.KindPromo, timeline.KindCoupon:
			c := row(code)
			c.Kind = map[string]string{timeline.KindPromo: "promo code", timeline.KindCoupon: "coupon"}[e.Kind]
			c.Dropped = strings.TrimPrefix(c.Dropped+", "+Clock(e.Offset), ", ")
		case timeline.KindRedeem:
			row(code).Redemptions++
		}
	}
	var labels []string
	var counts []float64
	for _, code := range order {
		c := byCode[code]
		if c.Dropped == "" {
			c.Dropped = "–" // redeemed, but its drop is not in the log
		}
		r.Codes = append(r.Codes, *c)
		labels = append(labels, code)
		counts = append(counts, float64(c.Redemptions))
	}
	r.Redemptions = hbarChart(halfW, labels, [][]float64{counts}, palette[1:], func(v float64) string { return fmt.Sprintf("%.0f", v) })
}

func (r *Report) moderationSection(evs []timeline.Event) {
	counts := map[string]int{}
	for _, e := range evs {
		if e.Kind == timeline.KindModeration {
			a := e.Action()
			if a == "" {
				a = "other"
			}
			counts[a]++
		}
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	for a, n := range counts {
		r.Actions = append(r.Actions, ActionRow{a, n, fmt.Sprintf("%.0f%%", 100*float64(n)/float64(total))})
	}
	slices.SortFunc(r.Actions, func(a, b ActionRow) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Action, b.Action))
	})
	var labels []string
	var values []float64
	for _, a := range r.Actions {
		labels = append(labels, a.Action)
		values = append(values, float64(a.Count))
	}
	r.Moderation = hbarChart(halfW, labels, [][]float64{values}, []string{"#e11d48"}, func(v float64) string { return fmt.Sprintf("%.0f", v) })
}

func kpis(viewers []Sample, products []timeline.Product, r Report, length time.Duration) []KPI {
	none := "–"
	k := []KPI{{"Peak viewers", none, "no viewer counts"}, {"Average viewers", none, "over the show"}}
	if len(viewers) > 0 {
		p := peak(viewers)
		k[0] = KPI{"Peak viewers", formatCount(p.Value), "at " + Clock(p.At)}
		k[1].Value = formatCount(averageViewers(viewers, length))
	}
	var claims, units, purchases, want int
	for _, p := range products {
		claims, units, purchases, want = claims+p.Claims, units+p.Units, purchases+p.PurchasedUnits, want+p.Interest
	}
	conv := "no want-it messages"
	if want > 0 {
		conv = fmt.Sprintf("%.0f%% became claims", 100*float64(claims)/float64(want))
	}
	redeemed := 0
	for _, c := range r.Codes {
		redeemed += c.Redemptions
	}
	actions, top := 0, []string{}
	for i, a := range r.Actions {
		actions += a.Count
		if i < 2 {
			top = append(top, fmt.Sprintf("%d %s", a.Count, a.Action))
		}
	}
	if len(top) == 0 {
		top = append(top, "none taken")
	}
	return append(k,
		KPI{"Units claimed", fmt.Sprint(units), fmt.Sprintf("%d claims · %d bought", claims, purchases)},
		KPI{"Want-it messages", fmt.Sprint(want), conv},
		KPI{"Code redemptions", fmt.Sprint(redeemed), fmt.Sprintf("%d codes dropped", len(r.Codes))},
		KPI{"Moderation", fmt.Sprint(actions), strings.Join(top, " · ")},
	)
}
