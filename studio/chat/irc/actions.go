package irc

import (
	"fmt"
	"strings"
	"time"
)

// Say posts a message to the channel (a moderator's reply).
func (c *Client) Say(text string) error {
	return c.send("PRIVMSG " + c.Channel + " :" + text)
}

// Ban removes a user from the channel for good. Plain IRC has no "ban"
// command: it is a ban mask (MODE +b) and a KICK, and we need channel
// operator rights for both. Twitch moved bans to its Helix API in 2023, so
// there it is refused here.
func (c *Client) Ban(nick, reason string) error {
	if err := c.plainIRC("ban"); err != nil {
		return err
	}
	if !validNick(nick) {
		return fmt.Errorf("%w: %q is not a nickname", ErrUnsupported, nick)
	}
	if err := c.send(fmt.Sprintf("MODE %s +b %s!*@*", c.Channel, nick)); err != nil {
		return err
	}
	return c.send(fmt.Sprintf("KICK %s %s :%s", c.Channel, nick, reason))
}

// Unban lifts a ban.
func (c *Client) Unban(nick string) error {
	if err := c.plainIRC("unban"); err != nil {
		return err
	}
	if !validNick(nick) {
		return fmt.Errorf("%w: %q is not a nickname", ErrUnsupported, nick)
	}
	return c.send(fmt.Sprintf("MODE %s -b %s!*@*", c.Channel, nick))
}

// Timeout bans a user for d, then lifts the ban: IRC has no timeout of its
// own, so the client keeps the timer (and the ban stays if it disconnects
// before the end, which errs on the side of the moderator).
func (c *Client) Timeout(nick string, d time.Duration, reason string) error {
	if err := c.Ban(nick, reason); err != nil {
		return err
	}
	time.AfterFunc(d, func() { c.Unban(nick) })
	return nil
}

func (c *Client) plainIRC(action string) error {
	if strings.Contains(strings.ToLower(c.Addr), "twitch.tv") {
		return fmt.Errorf("%w: Twitch takes %s through its Helix API, not IRC", ErrUnsupported, action)
	}
	return nil
}

// validNick refuses what would change the command (spaces, commas, masks).
func validNick(n string) bool {
	return n != "" && !strings.ContainsAny(n, " ,*?!@:\r\n")
}
