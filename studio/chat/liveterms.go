package chat

import (
	"fmt"
	"slices"
	"strings"
)

// liveTerms are blocked terms a moderator added during the show (from a
// message, with one key). They are compiled into their own small matcher
// and swapped in whole, so Process reads them outside the lock without
// recompiling the built-in lexicons (about 3 ms) on every addition.
type liveTerms struct {
	set   termSet
	terms []string
}

func compileLiveTerms(terms []string) (*liveTerms, error) {
	lt := &liveTerms{set: newTermSet(), terms: terms}
	for i, t := range terms {
		if !lt.set.add(t, i) {
			return nil, fmt.Errorf("%w: term %q has nothing to match", ErrBadAction, t)
		}
	}
	return lt, nil
}

// first returns the first live term the message matches, or "".
func (lt *liveTerms) first(n *Normalized) string {
	if lt == nil || len(lt.terms) == 0 {
		return ""
	}
	var buf [4]hit
	if hs := lt.set.find(n, buf[:0]); len(hs) > 0 {
		return lt.terms[hs[0].tag]
	}
	return ""
}

// BlockTerm adds a blocked term (the terms syntax: wildcards, folded like
// messages) for the rest of the show. It applies to the messages processed
// after it returns, with the blocked_terms rule's action.
func (p *Pipeline) BlockTerm(term string) error {
	term = strings.TrimSpace(term)
	if !p.termsOn {
		return fmt.Errorf("%w: blocked_terms is disabled, so %q would block nothing", ErrRuleOff, term)
	}
	p.termMu.Lock()
	defer p.termMu.Unlock()
	cur := p.live.Load()
	var terms []string
	if cur != nil {
		if slices.Contains(cur.terms, term) {
			return nil
		}
		terms = slices.Clone(cur.terms)
	}
	lt, err := compileLiveTerms(append(terms, term))
	if err != nil {
		return err
	}
	p.live.Store(lt)
	return nil
}

// UnblockTerm removes a term BlockTerm added; it reports whether it was
// there. The rules file's terms cannot be removed during a show.
func (p *Pipeline) UnblockTerm(term string) bool {
	term = strings.TrimSpace(term)
	p.termMu.Lock()
	defer p.termMu.Unlock()
	cur := p.live.Load()
	if cur == nil || !slices.Contains(cur.terms, term) {
		return false
	}
	terms := slices.DeleteFunc(slices.Clone(cur.terms), func(t string) bool { return t == term })
	lt, _ := compileLiveTerms(terms) // each compiled before
	p.live.Store(lt)
	return true
}

// LiveTerms returns the terms added during the show, oldest first.
func (p *Pipeline) LiveTerms() []string {
	if lt := p.live.Load(); lt != nil {
		return slices.Clone(lt.terms)
	}
	return nil
}
