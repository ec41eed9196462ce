package encoder

import "github.com/vitrina-live/vitrina/studio/media"

// H.264 NAL unit types this package looks at (ITU-T H.264 table 7-1).
const (
	nalSlice = 1
	nalIDR   = 5
	nalSEI   = 6
	nalSPS   = 7
	nalPPS   = 8
	nalAUD   = 9
)

var startCode = []byte{0, 0, 0, 1}

func nalType(nal []byte) int {
	if len(nal) == 0 {
		return 0
	}
	return int(nal[0] & 0x1f)
}

// H264ParameterSets returns the SPS and PPS found in an annex-B access unit
// (a keyframe from the video encoder), each behind a 4-byte start code, in
// the form muxers accept as H.264 extradata. It returns nil unless both are
// present.
func H264ParameterSets(annexB []byte) []byte {
	var sps, pps [][]byte
	for _, nal := range media.SplitNALs(annexB) {
		switch nalType(nal) {
		case nalSPS:
			sps = append(sps, nal)
		case nalPPS:
			pps = append(pps, nal)
		}
	}
	if len(sps) == 0 || len(pps) == 0 {
		return nil
	}
	var out []byte
	for _, nal := range append(sps, pps...) {
		out = append(out, startCode...)
		out = append(out, nal...)
	}
	return out
}

// isIDR reports whether an access unit holds an IDR slice.
func isIDR(annexB []byte) bool {
	for _, nal := range media.SplitNALs(annexB) {
		if nalType(nal) == nalIDR {
			return true
		}
	}
	return false
}
