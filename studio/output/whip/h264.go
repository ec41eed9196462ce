package whip

import (
	"fmt"

	"github.com/vitrina-live/vitrina/studio/media"
)

// profileLevelID reads the profile-level-id to offer from the SPS in front
// of a keyframe: profile_idc, the constraint flags and level_idc, as the
// six hex digits of RFC 6184. pion and browsers match on the profile part,
// so offering the stream's real profile is what keeps it browser-safe.
func profileLevelID(keyframe []byte) (string, error) {
	for _, nal := range media.SplitNALs(keyframe) {
		if len(nal) >= 4 && nal[0]&0x1f == 7 {
			return fmt.Sprintf("%02x%02x%02x", nal[1], nal[2], nal[3]), nil
		}
	}
	return "", fmt.Errorf("%w: keyframe without SPS", ErrStream)
}

// firstKeyframe is a check the output makes before offering: the stream it
// sends must start with SPS/PPS and an IDR.
func isKeyframe(p media.Packet) bool { return p.Kind == media.Video && p.Keyframe }
