package studio

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/vitrina-live/vitrina/overlays"
	"github.com/vitrina-live/vitrina/studio/show"
)

type showCue struct {
	at  time.Duration
	do  string
	run func(ctx context.Context) error
}

// cues turns the show file's [[cue]] entries into engine commands. The show
// file validation already refused the kinds this engine cannot run yet.
func (s *Studio) cues() []showCue {
	var out []showCue
	for _, c := range s.cfg.Show.Cues {
		sc := showCue{at: c.AtDur, do: c.Do}
		switch c.Do {
		case "layout":
			l := c.Layout()
			sc.run = func(ctx context.Context) error {
				if c.Canvas != "" {
					return s.SetCanvasLayout(ctx, c.Canvas, l, c.Transition)
				}
				return s.SetLayout(ctx, l, c.Transition)
			}
		case "main":
			sc.run = func(ctx context.Context) error {
				if c.Canvas != "" {
					return s.SetCanvasMain(ctx, c.Canvas, c.Source, c.Transition)
				}
				return s.SetMain(ctx, c.Source, c.Transition)
			}
		case "pin":
			sc.run = func(ctx context.Context) error { return s.Pin(ctx, c.Product) }
		case "unpin":
			sc.run = s.Unpin
		case "flash_sale":
			price := show.MinorUnits(c.Price)
			sc.run = func(ctx context.Context) error {
				return s.StartFlashSale(ctx, c.Product, price, c.Stock, c.DurationDur)
			}
		case "stock":
			sc.run = func(ctx context.Context) error { return s.SetStockFrom(ctx, c.Product, c.Stock, OriginCue) }
		case "promo":
			if c.WindowDur[1] > 0 {
				// A drop "at a random moment inside a window" rewards the
				// viewers who stay; the moment is logged for the record.
				span := c.WindowDur[1] - c.WindowDur[0]
				sc.at += c.WindowDur[0] + time.Duration(rand.Int64N(int64(span)+1))
				s.log.Info("promo drop scheduled", "code", c.Code, "at", sc.at.Round(time.Millisecond))
			}
			sc.run = func(ctx context.Context) error {
				return s.dropPromo(ctx, c.Code, c.Discount, c.ValidDur, c.ShowForDur, c.Limit)
			}
		case "coupon":
			sc.run = func(ctx context.Context) error {
				// The code is never drawn: viewers get it from the platform, after watch_minutes.
				return s.banner(ctx, "coupon", c.ShowForDur, func(r *overlays.Renderer) overlays.Placed { return r.Coupon(c.Text) },
					&SellingDetail{Text: c.Text, Code: c.Code, Watch: c.WatchDur, ShowFor: c.ShowForDur})
			}
		case "lower_third":
			sc.run = func(ctx context.Context) error {
				return s.Banner(ctx, "lower_third", c.ShowForDur, func(r *overlays.Renderer) overlays.Placed { return r.LowerThird(c.Name, c.Title) })
			}
		case "giveaway":
			sc.run = func(ctx context.Context) error {
				return s.banner(ctx, "giveaway", c.ShowForDur, func(r *overlays.Renderer) overlays.Placed { return r.Giveaway(c.Winner, c.Text) },
					&SellingDetail{Winner: c.Winner, Text: c.Text, ShowFor: c.ShowForDur})
			}
		default:
			continue
		}
		out = append(out, sc)
	}
	return out
}
