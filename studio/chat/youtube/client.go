package youtube

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vitrina-live/vitrina/studio/output"
)

// DefaultBase is the YouTube Data API.
const DefaultBase = "https://www.googleapis.com/youtube/v3"

// minPoll keeps a misbehaving reply (interval 0) from turning into a busy
// loop against a quota-limited API.
const minPoll = time.Second

// Errors a poll ends with.
var (
	ErrAuth     = errors.New("youtube: the OAuth token was refused")
	ErrChatGone = errors.New("youtube: the live chat has ended or does not exist")
	ErrAPI      = errors.New("youtube: API error")
	// ErrTimeout is a timeout length YouTube's moderators cannot choose.
	ErrTimeout = errors.New("youtube: timeouts are 10s, 1m, 5m, 10m, 30m or 24h")
)

// Timeouts are the lengths YouTube offers its moderators.
var Timeouts = []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute, 10 * time.Minute, 30 * time.Minute, 24 * time.Hour}

// Client polls one live chat. Run is one connection attempt for an
// output.Handler; the page token is kept across attempts, so a reconnect
// neither repeats nor skips messages.
type Client struct {
	Base       string // DefaultBase when empty
	LiveChatID string
	Token      string // OAuth access token; never logged
	OnEvent    func(Event)
	HTTP       *http.Client
	Logger     *slog.Logger

	mu       sync.Mutex
	pageTok  string
	interval time.Duration // the last pollingIntervalMillis
}

// Run polls until ctx is done (nil), the chat ends, or a call fails.
func (c *Client) Run(ctx context.Context, live func()) error {
	first := true
	for {
		resp, err := c.poll(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if first {
			live()
			first = false
		}
		for _, it := range resp.Items {
			if e, ok := it.event(); ok && c.OnEvent != nil {
				c.OnEvent(e)
			}
		}
		if resp.OfflineAt != "" {
			return output.Permanent(fmt.Errorf("%w: offline at %s", ErrChatGone, resp.OfflineAt))
		}
		wait := max(time.Duration(resp.PollingIntervalMillis)*time.Millisecond, minPoll)
		c.mu.Lock()
		c.pageTok, c.interval = resp.NextPageToken, wait
		c.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

func (c *Client) poll(ctx context.Context) (*listResponse, error) {
	q := url.Values{"liveChatId": {c.LiveChatID}, "part": {"snippet,authorDetails"}, "maxResults": {"2000"}}
	c.mu.Lock()
	if c.pageTok != "" {
		q.Set("pageToken", c.pageTok)
	}
	c.mu.Unlock()
	var out listResponse
	if err := c.call(ctx, http.MethodGet, "/liveChat/messages?"+q.Encode(), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete removes a message.
func (c *Client) Delete(ctx context.Context, id string) error {
	return c.call(ctx, http.MethodDelete, "/liveChat/messages?id="+url.QueryEscape(id), nil, nil)
}

// Ban bans a channel from the chat for d (a timeout), or for good when d
// is 0. It returns the ban's id, which Unban takes.
func (c *Client) Ban(ctx context.Context, channelID string, d time.Duration) (string, error) {
	snippet := map[string]any{"liveChatId": c.LiveChatID, "type": "permanent",
		"bannedUserDetails": map[string]string{"channelId": channelID}}
	if d > 0 {
		if !slices.Contains(Timeouts, d) {
			return "", fmt.Errorf("%w: not %v", ErrTimeout, d)
		}
		snippet["type"], snippet["banDurationSeconds"] = "temporary", int(d.Seconds())
	}
	var out struct {
		ID string `json:"id"`
	}
	err := c.call(ctx, http.MethodPost, "/liveChat/bans?part=snippet", map[string]any{"snippet": snippet}, &out)
	return out.ID, err
}

// Unban lifts a ban by its id.
func (c *Client) Unban(ctx context.Context, banID string) error {
	return c.call(ctx, http.MethodDelete, "/liveChat/bans?id="+url.QueryEscape(banID), nil, nil)
}

// Say posts a message as the channel (a moderator's reply). YouTube limits
// a message to 200 characters.
func (c *Client) Say(ctx context.Context, text string) error {
	if r := []rune(text); len(r) > 200 {
		text = string(r[:199]) + "…"
	}
	body := map[string]any{"snippet": map[string]any{"liveChatId": c.LiveChatID, "type": "textMessageEvent",
		"textMessageDetails": map[string]string{"messageText": text}}}
	return c.call(ctx, http.MethodPost, "/liveChat/messages?part=snippet", body, nil)
}

// call makes one API request. 401 is permanent (the token), a chat that
// ended is permanent, and the rest (quota, 5xx) are worth a retry.
func (c *Client) call(ctx context.Context, method, path string, body, out any) error {
	base := c.Base
	if base == "" {
		base = DefaultBase
	}
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(base, "/")+path, rd)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrAPI, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 15 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is not a secret, but keep messages short
		}
		return fmt.Errorf("%w: %s: %v", ErrAPI, method, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if resp.StatusCode/100 == 2 {
		if out != nil && len(data) > 0 {
			if err := json.Unmarshal(data, out); err != nil {
				return fmt.Errorf("%w: unreadable reply: %v", ErrAPI, err)
			}
		}
		return nil
	}
	var ae apiError
	json.Unmarshal(data, &ae)
	reason := ""
	if len(ae.Error.Errors) > 0 {
		reason = ae.Error.Errors[0].Reason
	}
	msg := fmt.Sprintf("%d %s", resp.StatusCode, strings.TrimSpace(reason+" "+ae.Error.Message))
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		return output.Permanent(fmt.Errorf("%w: %s", ErrAuth, msg))
	case reason == "liveChatEnded" || reason == "liveChatNotFound" || reason == "liveChatDisabled":
		return output.Permanent(fmt.Errorf("%w: %s", ErrChatGone, msg))
	}
	return fmt.Errorf("%w: %s", ErrAPI, msg)
}
