package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// broker wakes the open event streams after each build. It carries no
// data: each stream then sends the current state, so a slow page that
// misses a wake-up still gets the latest state, never a stale one.
type broker struct {
	mu      sync.Mutex
	streams map[chan struct{}]bool
}

func (b *broker) subscribe() (chan struct{}, func()) {
	c := make(chan struct{}, 1)
	b.mu.Lock()
	if b.streams == nil {
		b.streams = map[chan struct{}]bool{}
	}
	b.streams[c] = true
	b.mu.Unlock()
	return c, func() {
		b.mu.Lock()
		delete(b.streams, c)
		b.mu.Unlock()
	}
}

func (b *broker) notify() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.streams {
		select {
		case c <- struct{}{}:
		default: // already woken
		}
	}
}

// state is what a page is told: it reloads when page differs from the
// version it was served at, swaps its stylesheets when only version
// differs, and shows the problems, if any, over itself.
type state struct {
	Version  int64    `json:"version"`
	Page     int64    `json:"page"`
	Problems []string `json:"problems"`
}

// serveEvents streams the site's state as Server-Sent Events: once on
// connecting, then after every build.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	wake, cancel := s.events.subscribe()
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprint(w, "retry: 500\n\n")
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	send := func() error {
		snap := s.site.Load()
		data, _ := json.Marshal(state{Version: snap.version, Page: snap.page, Problems: append([]string{}, snap.problems...)})
		if _, err := fmt.Fprintf(w, "event: state\ndata: %s\n\n", data); err != nil {
			return err
		}
		flusher.Flush()
		return nil
	}
	if send() != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-wake:
			if send() != nil {
				return
			}
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
