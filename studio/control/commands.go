package control

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/vitrina-live/vitrina/studio"
	"github.com/vitrina-live/vitrina/studio/show"
)

// maxBody bounds a command's JSON.
const maxBody = 16 << 10

func (s *Server) routes() {
	s.mux.HandleFunc("GET /api/state", s.state)
	s.mux.HandleFunc("GET /api/events", s.events)
	s.mux.HandleFunc("GET /api/chat", s.chatList)
	s.mux.HandleFunc("GET /api/rundown", s.rundown)
	// canvasCmd is a command that may act on one canvas (r.Canvas); cmd one
	// that acts on every canvas and refuses a "canvas".
	canvasCmd := func(path string, run func(ctx context.Context, r *request) error) {
		s.mux.HandleFunc("POST "+path, func(w http.ResponseWriter, req *http.Request) { s.command(w, req, run) })
	}
	cmd := func(path string, run func(ctx context.Context, r *request) error) {
		canvasCmd(path, func(ctx context.Context, r *request) error {
			if r.Canvas != "" {
				return bad(`%s acts on every canvas: it takes no "canvas"`, path)
			}
			return run(ctx, r)
		})
	}
	cmd("/api/pin", func(ctx context.Context, r *request) error { return s.Engine.Pin(ctx, r.Product) })
	cmd("/api/unpin", func(ctx context.Context, r *request) error { return s.Engine.Unpin(ctx) })
	cmd("/api/flash-sale", func(ctx context.Context, r *request) error {
		d, err := r.duration("duration", r.Duration, true)
		if err != nil {
			return err
		}
		if r.Price <= 0 || r.Price > 1e9 || r.Stock <= 0 {
			return bad("flash-sale needs price > 0 and stock > 0")
		}
		return s.Engine.StartFlashSale(ctx, r.Product, show.MinorUnits(r.Price), r.Stock, d)
	})
	cmd("/api/stock", func(ctx context.Context, r *request) error {
		if r.Stock < 0 {
			return bad("stock must not be negative")
		}
		return s.Engine.SetStock(ctx, r.Product, r.Stock)
	})
	cmd("/api/promo", func(ctx context.Context, r *request) error {
		valid, err := r.duration("valid", r.Valid, false)
		if err != nil {
			return err
		}
		showFor, err := r.duration("show_for", r.ShowFor, false)
		if err != nil {
			return err
		}
		if showFor == 0 {
			showFor = 30 * time.Second
		}
		if r.Code == "" {
			return bad("promo needs code")
		}
		return s.Engine.DropPromo(ctx, r.Code, r.Discount, valid, showFor)
	})
	cmd("/api/layout", func(ctx context.Context, r *request) error {
		return s.Engine.SetLayout(ctx, show.Layout{Kind: r.Kind, Main: r.Main, Inset: r.Inset, Second: r.Second, Sources: r.Sources}, r.Transition)
	})
	cmd("/api/main", func(ctx context.Context, r *request) error { return s.Engine.SetMain(ctx, r.Source, r.Transition) })
	cmd("/api/mute", func(ctx context.Context, r *request) error { return s.Engine.SetMute(ctx, r.Source, r.Mute) })
	cmd("/api/destinations/{id}/start", func(ctx context.Context, r *request) error { return s.Engine.StartDestination(ctx, r.id) })
	cmd("/api/destinations/{id}/stop", func(ctx context.Context, r *request) error { return s.Engine.StopDestination(ctx, r.id) })
	canvasCmd("/api/record", func(ctx context.Context, r *request) error {
		if r.On == nil {
			return bad(`record needs "on": true to start a new file or false to stop`)
		}
		return s.Engine.SetRecording(ctx, r.Canvas, *r.On) // every canvas's with no canvas
	})
	cmd("/api/moderate", func(ctx context.Context, r *request) error {
		if s.Moderate == nil {
			return errNoChat
		}
		d, err := r.duration("duration", r.Duration, false)
		if err != nil {
			return err
		}
		return s.Moderate(ctx, Moderation{Action: r.Action, MessageID: r.MessageID, User: r.User, Duration: d,
			Reason: r.Reason, Moderator: r.Moderator})
	})
}

// request is every command's body; each command reads its own fields.
type request struct {
	Product    string   `json:"product"`
	Price      float64  `json:"price"`
	Stock      int      `json:"stock"`
	Duration   string   `json:"duration"`
	Code       string   `json:"code"`
	Discount   string   `json:"discount"`
	Valid      string   `json:"valid"`
	ShowFor    string   `json:"show_for"`
	Kind       string   `json:"kind"`
	Main       string   `json:"main"`
	Inset      string   `json:"inset"`
	Second     string   `json:"second"`
	Sources    []string `json:"sources"`
	Source     string   `json:"source"`
	Transition string   `json:"transition"`
	Mute       bool     `json:"mute"`
	Action     string   `json:"action"`
	MessageID  string   `json:"message_id"`
	User       string   `json:"user"`
	Reason     string   `json:"reason"`
	Moderator  string   `json:"moderator"`
	On         *bool    `json:"on"`     // record: required
	Canvas     string   `json:"canvas"` // record: one canvas only
	id         string
}

func (r *request) duration(field, v string, required bool) (time.Duration, error) {
	if v == "" && !required {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, bad("%s %q is not a positive duration such as \"30s\"", field, v)
	}
	return d, nil
}

var (
	errBadRequest = errors.New("bad request")
	errNoChat     = errors.New("this show has no chat to moderate")
)

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errBadRequest, fmt.Sprintf(format, args...))
}

// command decodes the body strictly (a misspelt field is an error, not a
// zero), runs the command on the engine and answers 200, 400 for bad input
// (the engine's too: an unknown product), 409 after the show ended.
func (s *Server) command(w http.ResponseWriter, req *http.Request, run func(context.Context, *request) error) {
	var r request
	dec := json.NewDecoder(io.LimitReader(req.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil && !errors.Is(err, io.EOF) {
		writeError(w, http.StatusBadRequest, "bad_json", err.Error())
		return
	}
	r.id = req.PathValue("id")
	if r.Moderator == "" {
		r.Moderator = "remote"
	}
	ctx, cancel := context.WithTimeout(req.Context(), 10*time.Second)
	defer cancel()
	err := run(ctx, &r)
	switch {
	case err == nil:
		s.Logger.Info("control: command", "path", req.URL.Path, "from", req.RemoteAddr)
		writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
	case errors.Is(err, errBadRequest), errors.Is(err, studio.ErrBadInput):
		writeError(w, http.StatusBadRequest, "bad_input", err.Error())
	case errors.Is(err, studio.ErrEnded):
		writeError(w, http.StatusConflict, "ended", err.Error())
	case errors.Is(err, errNoChat):
		writeError(w, http.StatusNotImplemented, "no_chat", err.Error())
	default:
		s.Logger.Warn("control: command failed", "path", req.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "failed", err.Error())
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, code int, reason, msg string) {
	writeJSON(w, code, map[string]string{"error": reason, "message": msg})
}
