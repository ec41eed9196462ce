package rtmp

import (
	"strings"

	"github.com/vitrina-live/vitrina/studio/media"
)

// redactIn replaces the full URL, and its key on its own, wherever a message
// quotes them.
func redactIn(msg, url string) string {
	if url == "" {
		return msg
	}
	msg = strings.ReplaceAll(msg, url, media.RedactURL(url))
	if i := strings.LastIndex(url, "/"); i >= 0 && len(url)-i > 4 {
		msg = strings.ReplaceAll(msg, url[i+1:], "***")
	}
	return msg
}
