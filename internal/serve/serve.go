// Package serve previews a site: it builds the site into memory, serves it
// over HTTP, watches the site's files, rebuilds after every burst of
// changes and tells open pages over Server-Sent Events to reload once the
// new site is in place. A rebuild swaps the whole site at once; one that
// fails keeps the last good site and shows its errors over every page until
// a later rebuild succeeds. A rebuild that renders only the changed pages
// is followed by a full build, and the site served always ends equal to
// what build would write. Nothing is written to disk.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/newsdigest/newsdigest/internal/pipeline"
)

// Options describe a preview server.
type Options struct {
	Source string // site root; default "."
	Bind   string // address to listen on; default 127.0.0.1
	Port   int    // 0 picks a free port; a taken one, the next free one
	// BasePath is the path the site is served under, such as "/news/":
	// pages link to it and / redirects to it. Default "/".
	BasePath string
	Drafts   bool
	Future   bool
	// Settle, Quiet and MaxWait debounce file events. A change to one
	// file starts a rebuild once no event came for Settle; a burst that
	// touches more paths, makes a folder or removes a file (which an
	// editor's rename-save follows with a new one) waits until no event
	// came for Quiet, or MaxWait after its first event. Defaults 10ms,
	// 100ms and 3s.
	Settle, Quiet, MaxWait time.Duration
	// OnBuild, when set, is told about every build.
	OnBuild func(Report)
	// OnWarning, when set, is told about watch problems that do not stop
	// the server.
	OnWarning func(error)
}

// Report tells what one build did. Each burst of changes gives a rebuild,
// quick when it renders only the pages that show the changes, then a full
// build that checks it and replaces the site if any file differs.
type Report struct {
	Full     bool  // the full build, after the quick one
	Quick    bool  // only the pages that show the changes were rendered
	Kept     bool  // the last build's digest and list of pages were updated, not made again
	Version  int64 // the site version now served
	Articles int
	Pages    int      // pages rendered
	Files    int      // files served
	Problems []string // bad articles, "path:line: message"
	Err      error    // the build failed: the previous site is still served
	Duration time.Duration
	Reparsed int    // articles parsed again; the rest came from the cache
	Reload   string // what open pages were told: "page", "css" or ""
	Differed int    // full build: files that differed from the quick build
	// Indexed is set on a full build that brought the search index up to
	// date: a quick rebuild leaves the index as it was, for the full
	// build that follows it to write.
	Indexed bool
}

// Server is a running preview.
type Server struct {
	opts    Options
	root    string
	url     string
	ln      net.Listener
	http    *http.Server
	site    atomic.Pointer[snapshot]
	events  broker
	parses  *parses            // the articles the last builds parsed
	disk    *files             // what the last builds read from the site
	pipe    *pipeline.Pipeline // of the last good build
	plan    *pipeline.Plan     // of the last good build; nil to render all
	pending chan *batch        // holds at most one batch, merged while waiting
	stopMu  sync.Mutex
	stop    context.CancelFunc // stops the full build under way
	done    chan struct{}
	wg      sync.WaitGroup
}

// Start listens, builds the site and starts watching it. The server runs
// until ctx is done; Wait returns then.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Settle <= 0 {
		opts.Settle = 10 * time.Millisecond
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 100 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 3 * time.Second
	}
	root, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("source %s: not a folder", opts.Source)
	}
	base, err := cleanBase(opts.BasePath)
	if err != nil {
		return nil, err
	}
	opts.BasePath = base
	ln, err := listen(opts.Bind, opts.Port)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: opts, root: root, ln: ln,
		url:     siteURL(opts.Bind, ln.Addr().(*net.TCPAddr).Port) + strings.TrimPrefix(base, "/"),
		parses:  newParses(),
		disk:    newFiles(root),
		pending: make(chan *batch, 1),
		done:    make(chan struct{}),
	}
	s.site.Store(&snapshot{})
	// Watch before the first build, so that no edit made during it is lost.
	w, err := newWatcher(root, debounce{opts.Settle, opts.Quiet, opts.MaxWait}, s.queue, s.warn)
	if err != nil {
		ln.Close()
		return nil, err
	}
	first := s.rebuild(ctx, &batch{all: true})

	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, BaseContext: func(net.Listener) context.Context { return ctx }}
	s.wg.Add(3)
	go func() { defer s.wg.Done(); w.run(ctx) }()
	go func() { defer s.wg.Done(); s.builder(ctx, first) }()
	go func() {
		defer s.wg.Done()
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.warn(err)
		}
	}()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s.http.Shutdown(shut)
		s.wg.Wait()
		close(s.done)
	}()
	return s, nil
}

// URL is the address the site is served at, ending in "/".
func (s *Server) URL() string { return s.url }

// Port is the port the server listens on, which is the next free one when
// the port asked for was taken.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// portTries is how many ports listen tries, from the one asked for up.
const portTries = 20

// listen listens on bind:port, or on the first free port after it when it
// is taken, as another preview left running often holds the usual one.
func listen(bind string, port int) (net.Listener, error) {
	var first error
	for i := 0; i < portTries; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port+i)))
		if err == nil {
			return ln, nil
		}
		if first == nil {
			first = err
		}
		if port == 0 || port+i >= 65535 || !errors.Is(err, syscall.EADDRINUSE) {
			break
		}
	}
	if errors.Is(first, syscall.EADDRINUSE) && port != 0 {
		return nil, fmt.Errorf("ports %d to %d are all taken; pick one with --port, or --port 0 for any free one", port, min(port+portTries-1, 65535))
	}
	return nil, first
}

// cleanBase makes a base path absolute and ending in "/"; "" is "/".
func cleanBase(p string) (string, error) {
	if strings.ContainsAny(p, "?#\\\x00") {
		return "", fmt.Errorf("base path %q: want a plain path such as /news/", p)
	}
	p = path.Clean("/" + p)
	if p != "/" {
		p += "/"
	}
	return p, nil
}

// Wait blocks until the server has stopped.
func (s *Server) Wait() { <-s.done }

// siteURL is the base URL pages link to: the bound address, or localhost
// for an address that means "every interface".
func siteURL(bind string, port int) string {
	host := bind
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port)) + "/"
}

// IsLoopback reports whether bind only accepts connections from this machine.
func IsLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

// queue hands a batch to the builder, merging it into one still waiting,
// so that changes made during a rebuild give one more rebuild, not many.
func (s *Server) queue(b *batch) {
	for {
		select {
		case s.pending <- b:
			s.stopMu.Lock()
			if s.stop != nil {
				s.stop() // its result would be stale
			}
			s.stopMu.Unlock()
			return
		case old := <-s.pending:
			old.merge(b)
			b = old
		}
	}
}

// builder runs the rebuilds, one at a time, each followed by the full
// build that checks it; check says whether the first build needs one.
func (s *Server) builder(ctx context.Context, check bool) {
	if check {
		s.check(ctx)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case b := <-s.pending:
			if s.rebuild(ctx, b) {
				s.check(ctx)
			}
		}
	}
}

func (s *Server) warn(err error) {
	if s.opts.OnWarning != nil {
		s.opts.OnWarning(err)
	}
}
