package media

import (
	"net/url"
	"strings"
)

// RedactURL is the one helper every URL goes through before it is logged or
// put in an error, so stream keys and tokens never leak. It keeps the scheme,
// the host and the first path element (an RTMP application such as "live"),
// and replaces the rest of the path, the query, the user info and the
// fragment with "***".
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "***"
	}
	out := u.Scheme + "://" + u.Host
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) > 0 && parts[0] != "" {
		out += "/" + parts[0]
	}
	if len(parts) > 1 || u.RawQuery != "" || u.User != nil || u.Fragment != "" {
		out += "/***"
	}
	return out
}
