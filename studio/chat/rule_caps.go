package chat

import "strconv"

// capsRule holds shouting: a long message that is mostly capitals. The
// minimum length is high on purpose: "OMG I NEED THIS IN RED!!!" is a
// buyer, not a problem. Soft, so known buyers may shout all they like.
type capsRule struct{ cfg CapsConfig }

func (r *capsRule) name() string   { return "caps" }
func (r *capsRule) soft() bool     { return true }
func (r *capsRule) action() Action { return r.cfg.Action }

func (r *capsRule) check(c *checkCtx) (bool, string) {
	sh := c.norm.Shape
	if sh.Letters < r.cfg.MinLetters {
		return false, ""
	}
	ratio := float64(sh.Upper) / float64(sh.Letters)
	if ratio < r.cfg.Ratio {
		return false, ""
	}
	return true, strconv.Itoa(int(ratio*100)) + "% capitals"
}
