package encoder

import (
	"bytes"
	"testing"
)

func TestH264ParameterSets(t *testing.T) {
	sps := []byte{0x67, 0x4d, 0x40, 0x1e, 0xda}
	pps := []byte{0x68, 0xef, 0x3c, 0x80}
	idr := []byte{0x65, 0x88, 0x84, 0x00, 0x21}
	sei := []byte{0x06, 0x05, 0x01, 0xff}
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	four, three := []byte{0, 0, 0, 1}, []byte{0, 0, 1}
	want := join(four, sps, four, pps)

	for name, tc := range map[string]struct {
		in   []byte
		want []byte
	}{
		"x264 keyframe":  {join(four, sps, four, pps, four, sei, three, idr), want},
		"3-byte codes":   {join(three, sps, three, pps, three, idr), want},
		"trailing zeros": {join(four, sps, []byte{0, 0}, four, pps, four, idr), want},
		"no PPS":         {join(four, sps, four, idr), nil},
		"delta frame":    {join(four, []byte{0x41, 0x9a, 0x02}), nil},
		"not annex-B":    {[]byte{0x00, 0x00, 0x00, 0x05, 0x65, 0x88}, nil},
		"empty":          {nil, nil},
		"SPS at the end": {join(four, pps, four, idr, four, sps), join(four, sps, four, pps)},
	} {
		if got := H264ParameterSets(tc.in); !bytes.Equal(got, tc.want) {
			t.Errorf("%s: got % x, want % x", name, got, tc.want)
		}
	}
	if !isIDR(join(four, sps, four, pps, four, idr)) || isIDR(join(four, []byte{0x41, 0x9a})) {
		t.Error("isIDR is wrong")
	}
}
