package show

import (
	"math"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"
)

// Selling says whether the cue is a selling cue: every kind but layout and
// main, the ones validateSellingCue checks and that draw selling overlays.
func (c Cue) Selling() bool {
	return c.Do != "layout" && c.Do != "main" && slices.Contains(cueKinds, c.Do)
}

// validateSellingCue checks the cues that drive the selling overlays, and
// parses their durations.
func (f *File) validateSellingCue(where string, c *Cue) error {
	var err error
	dur := func(field, v string, def time.Duration) (time.Duration, error) {
		if v == "" {
			return def, nil
		}
		d, perr := time.ParseDuration(v)
		if perr != nil || d <= 0 {
			return 0, bad("%s: %s %q is not a positive duration such as \"30s\" or \"10m\"", where, field, v)
		}
		return d, nil
	}
	if c.ShowForDur, err = dur("show_for", c.ShowFor, 0); err != nil {
		return err
	}
	switch c.Do {
	case "pin":
		if c.Product == "" {
			return bad("%s: pin needs product (a SKU or handle of the catalog)", where)
		}
	case "flash_sale":
		if c.Product == "" {
			return bad("%s: flash_sale needs product", where)
		}
		if c.Price <= 0 || c.Price > 1e9 || math.IsNaN(c.Price) {
			return bad("%s: flash_sale needs a price above 0", where)
		}
		if c.Stock <= 0 {
			return bad("%s: flash_sale needs stock above 0", where)
		}
		if c.DurationDur, err = dur("duration", c.Duration, 0); err != nil {
			return err
		}
		if c.DurationDur == 0 {
			return bad("%s: flash_sale needs a duration such as \"5m\"", where)
		}
	case "stock":
		if c.Product == "" || c.Stock < 0 {
			return bad("%s: stock needs product and stock ≥ 0", where)
		}
	case "promo":
		if c.Code == "" {
			return bad("%s: promo needs code", where)
		}
		if c.ValidDur, err = dur("valid", c.Valid, 0); err != nil {
			return err
		}
		if c.Limit < 0 {
			return bad("%s: promo limit %d: want the number of claims that may use the code, 1 or more (or none for no limit)", where, c.Limit)
		}
		if c.ShowForDur == 0 {
			c.ShowForDur = 30 * time.Second
		}
		if len(c.Window) != 0 {
			if len(c.Window) != 2 {
				return bad("%s: window is two durations after at, such as [\"5s\", \"15s\"]", where)
			}
			for i, w := range c.Window {
				d, perr := time.ParseDuration(w)
				if perr != nil || d < 0 {
					return bad("%s: window[%d] %q is not a duration", where, i, w)
				}
				c.WindowDur[i] = d
			}
			if c.WindowDur[1] < c.WindowDur[0] {
				return bad("%s: window ends before it starts", where)
			}
		}
	case "coupon":
		if c.Text == "" {
			return bad("%s: coupon needs text, such as \"watch 10 minutes to unlock\"", where)
		}
		if utf8.RuneCountInString(c.Code) > 32 {
			return bad("%s: coupon code %q: at most 32 characters", where, c.Code)
		}
		if w := c.WatchMinutes; w != 0 {
			if math.IsNaN(w) || w < 0 || w > 24*60 {
				return bad("%s: watch_minutes %g: want minutes above 0 (at most 1440)", where, w)
			}
			if c.Code == "" {
				return bad("%s: watch_minutes needs code: the code is what watching unlocks", where)
			}
			c.WatchDur = time.Duration(w * float64(time.Minute)).Round(time.Second)
		}
	case "lower_third":
		if c.Name == "" {
			return bad("%s: lower_third needs name", where)
		}
	case "giveaway":
		if c.Winner == "" {
			return bad("%s: giveaway needs winner", where)
		}
	}
	return nil
}

var locales = []string{"en", "lv", "ru", "zh", "ar"}

// validateOverlays checks [show] locale and currency and the [overlays]
// look, and fills in their defaults.
func (f *File) validateOverlays() error {
	if f.Show.Locale == "" {
		f.Show.Locale = "en"
	}
	if err := oneOf("show.locale", f.Show.Locale, locales); err != nil {
		return err
	}
	if f.Show.Currency == "" {
		f.Show.Currency = "USD"
	}
	if !currencyPattern.MatchString(f.Show.Currency) {
		return bad("show.currency %q is not an ISO 4217 code such as \"EUR\"", f.Show.Currency)
	}
	o := &f.Overlays
	if o.Accent != "" && !colorPattern.MatchString(o.Accent) {
		return bad("overlays.accent %q is not a colour such as \"#e4572e\"", o.Accent)
	}
	if err := oneOf("overlays.corner", o.Corner, corners); err != nil {
		return err
	}
	if o.Scale != 0 && (o.Scale < 0.5 || o.Scale > 2) {
		return bad("overlays.scale %g: use 0.5 to 2", o.Scale)
	}
	if o.SafeArea != 0 && (o.SafeArea < 0 || o.SafeArea > 0.2) {
		return bad("overlays.safe_area %g: use 0 to 0.2 of each edge", o.SafeArea)
	}
	return nil
}

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
