package media

import "context"

// Output is one destination of encoded packets: a recording, an RTMP or WHIP
// destination, the preview. Run connects, calls live once media is flowing,
// and sends until ctx is done or the destination fails, then just returns
// its error: outputs never retry by themselves, the output handler does
// (studio/output/handler.go). A nil error means a clean end.
type Output interface {
	Run(ctx context.Context, live func()) error
}
