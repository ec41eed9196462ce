package encoder

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// ErrNoChapters is returned by AddChapter on a container that cannot take
// chapters once its header is written. FFmpeg 5.1's matroska muxer writes
// chapters it first sees at the trailer (after the last cluster, with a
// SeekHead entry), but its mov muxer does so only for a plain MP4: a
// fragmented one ("frag_keyframe+empty_moov", what recordings use) writes
// its moov with the header and never again, and FLV has no chapters at all.
var ErrNoChapters = errors.New("encoder: this container cannot take chapters after its header")

// chapter is one AddChapter call, kept on the packets' clock until Close.
type chapter struct {
	start, end time.Duration // end < 0: open, closed by the next chapter or the end
	title      string
}

// AddChapter marks [start, end) of the output with a titled chapter, for a
// player's chapter menu. start and end are on the clock of the packets
// given to WritePacket (the program clock), not the file's: the muxer
// rebases them on its first keyframe, so a caller never needs to know when
// the recording began. end <= start leaves the chapter open: it ends where
// the next chapter starts, or with the recording. A chapter with the start
// of an earlier one replaces it: the engine adds an open chapter on a pin
// and, on the unpin, the same chapter with its end, so the stretch with
// nothing on air is in no chapter.
//
// Chapters are kept in memory and written when Close writes the trailer,
// so they may come in any order and before the first packet. A file that
// never gets its trailer (the studio killed with -9) has no chapters;
// `vitrina clips` works from the store's show events for that reason.
func (mx *Muxer) AddChapter(start, end time.Duration, title string) error {
	if mx.format != "matroska" {
		return fmt.Errorf("%w: %s is %s", ErrNoChapters, Redact(mx.cfg.URL), mx.format)
	}
	if start < 0 {
		return fmt.Errorf("%w: chapter %q starts at %v", ErrBadConfig, title, start)
	}
	if end <= start {
		end = -1
	}
	mx.mu.Lock()
	defer mx.mu.Unlock()
	if mx.closed {
		return ErrClosed
	}
	c := chapter{start: start, end: end, title: title}
	for i := range mx.chapters {
		if mx.chapters[i].start == start {
			mx.chapters[i] = c
			return nil
		}
	}
	mx.chapters = append(mx.chapters, c)
	return nil
}

// placedChapter is a chapter on the file's own timeline, ready for FFmpeg.
type placedChapter struct {
	start, end time.Duration
	title      string
}

// placeChapters rebases chapters on the file's time zero (origin on the
// packets' clock), sorts them, closes the open ones and clips every one to
// [0, last], the end of the last packet written. A chapter that falls
// wholly outside the recording (a pin before the recording was started,
// with a later pin after it) is dropped: a player shows it as a zero-length
// entry that leads nowhere.
func placeChapters(cs []chapter, origin, last time.Duration) []placedChapter {
	sorted := append([]chapter(nil), cs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].start < sorted[j].start })
	out := make([]placedChapter, 0, len(sorted))
	for i, c := range sorted {
		end := c.end
		if end < 0 {
			end = last + origin
			if i+1 < len(sorted) {
				end = sorted[i+1].start
			}
		}
		s := min(max(c.start-origin, 0), last)
		e := min(max(end-origin, 0), last)
		if e <= s {
			continue
		}
		out = append(out, placedChapter{start: s, end: e, title: c.title})
	}
	return out
}

// writeChapters hands the chapters to the format context just before the
// trailer; holding them back until then keeps the matroska muxer from
// writing some at the header and, its wrote_chapters flag set, silently
// dropping the rest.
func (mx *Muxer) writeChapters() error {
	placed := placeChapters(mx.chapters, mx.origin, mx.end)
	for i, c := range placed {
		if err := mx.m.addChapter(int64(i+1), c.start, c.end, c.title); err != nil {
			return fmt.Errorf("encoder: chapter %q in %s: %w", c.title, Redact(mx.cfg.URL), err)
		}
	}
	if len(placed) > 0 {
		mx.log.Debug("output chapters", "url", Redact(mx.cfg.URL), "chapters", len(placed))
	}
	return nil
}
