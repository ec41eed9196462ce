package capture

import "github.com/vitrina-live/vitrina/studio/media"

// resampler turns a microphone's blocks (any rate, one or more channels)
// into the program's 48 kHz stereo. It interpolates linearly, which is
// plenty for speech into an AAC/Opus encoder and costs nothing; its state
// carries across blocks so block edges do not click.
type resampler struct {
	primed bool
	prev   [2]float32 // the last input frame of the previous block
	// pos is where the next output sample falls, in input frames relative
	// to the start of the next block; -1 is prev.
	pos float64
}

// convert returns blk as interleaved 48 kHz stereo.
func (rs *resampler) convert(blk AudioBlock) []float32 {
	if blk.Channels < 1 || blk.Rate < 1 {
		return nil
	}
	n := len(blk.Samples) / blk.Channels
	stereo := make([]float32, 0, 2*n)
	for i := range n {
		l := blk.Samples[i*blk.Channels]
		r := l // mono goes to both sides
		if blk.Channels > 1 {
			r = blk.Samples[i*blk.Channels+1] // beyond two channels: keep the front pair
		}
		stereo = append(stereo, l, r)
	}
	if blk.Rate == media.SampleRate || n == 0 {
		rs.primed = false
		return stereo
	}
	if !rs.primed {
		rs.prev = [2]float32{stereo[0], stereo[1]}
		rs.pos = -1
		rs.primed = true
	}
	at := func(i int) (float32, float32) {
		if i < 0 {
			return rs.prev[0], rs.prev[1]
		}
		return stereo[2*i], stereo[2*i+1]
	}
	step := float64(blk.Rate) / media.SampleRate
	out := make([]float32, 0, int(float64(n)/step+2)*2)
	for rs.pos < float64(n-1) {
		i := int(rs.pos+1) - 1 // floor for pos >= -1
		f := float32(rs.pos - float64(i))
		al, ar := at(i)
		bl, br := at(i + 1)
		out = append(out, al+(bl-al)*f, ar+(br-ar)*f)
		rs.pos += step
	}
	rs.pos -= float64(n)
	rs.prev = [2]float32{stereo[2*(n-1)], stereo[2*(n-1)+1]}
	return out
}

// reset forgets the previous block, after a device was lost and reopened.
func (rs *resampler) reset() { rs.primed = false }
