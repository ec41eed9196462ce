package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/vitrina-live/vitrina/studio/chat"
)

// maxChatLine is the longest input line `chat check` reads whole; the rest
// of a longer line is skipped (the message is still judged on its start,
// and the length rule holds it anyway).
const maxChatLine = 1 << 20

// chatCheckLine is one output line, exactly as DESIGN.md specifies it.
type chatCheckLine struct {
	Text   string   `json:"text"`
	Action string   `json:"action"`
	Rules  []string `json:"rules"`
	Queues []string `json:"queues"`
}

// cmdChat runs `vitrina chat check [--rules FILE] [--products FILE]`: one
// message per stdin line, one JSON line per message on stdout. A line
// "user<TAB>text" names its author, so slow mode and duplicates apply per
// user; a line without a TAB is a viewer of its own. Each line is taken as
// one second after the one before, so results never depend on how fast
// the file is read.
func cmdChat(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "check" {
		return fmt.Errorf("%w: chat: want `vitrina chat check [--rules FILE] [--products FILE]`", errUsage)
	}
	fs := newFlags("chat check")
	rulesPath := fs.String("rules", "", "rules file (TOML); the defaults when omitted")
	productsPath := fs.String("products", "", "product list (TOML) for the want-it queue")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	rules := chat.DefaultRules()
	if *rulesPath != "" {
		var err error
		if rules, err = chat.LoadRules(*rulesPath); err != nil {
			return fmt.Errorf("%w: %w", errUsage, err)
		}
	}
	var products []chat.Product
	if *productsPath != "" {
		var err error
		if products, err = chat.LoadProducts(*productsPath); err != nil {
			return fmt.Errorf("%w: %w", errUsage, err)
		}
	}
	p := chat.New(chat.Config{Rules: rules, Products: products, Logger: slog.New(slog.DiscardHandler)})

	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false) // "<3" stays "<3"
	in := bufio.NewReaderSize(stdin, 64<<10)
	start := time.Now()
	for n := 1; ; n++ {
		line, err := readChatLine(in)
		if errors.Is(err, io.EOF) && line == "" {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("chat check: reading line %d: %w", n, err)
		}
		user, text, ok := strings.Cut(line, "\t")
		if !ok {
			user, text = "line"+strconv.Itoa(n), line
		}
		d := p.Process(chat.Message{Platform: chat.PlatformLocal, User: user, Text: text,
			Time: start.Add(time.Duration(n) * time.Second)})
		if err := enc.Encode(chatCheckLine{Text: text, Action: string(d.Action), Rules: nonNil(d.Rules), Queues: nonNil(d.Queues)}); err != nil {
			return fmt.Errorf("chat check: %w", err)
		}
	}
	return out.Flush()
}

// readChatLine reads one line without its "\n" or "\r\n", keeping at most
// maxChatLine bytes of it.
func readChatLine(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b) < maxChatLine {
			b = append(b, chunk[:min(len(chunk), maxChatLine-len(b))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		s := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
		return s, err
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
