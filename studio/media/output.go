package media

import "context"

// Output is one destination of encoded packets: a recording, an RTMP or WHIP
// destination, the preview. Run sends until ctx is done or the destination
// fails, and just returns its error: outputs never retry by themselves, the
// output handler does (studio/output/handler.go).
type Output interface {
	Run(ctx context.Context) error
}
