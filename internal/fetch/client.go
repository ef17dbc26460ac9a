package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// client makes the requests of one run: http and https only, a few at a
// time per host with a pause between them, robots.txt obeyed, bodies cut
// off at a size, redirects limited.
type client struct {
	http      *http.Client
	userAgent string
	maxBytes  int64
	delay     time.Duration
	perHost   int

	mu     sync.Mutex
	hosts  map[string]*host
	robots map[string]*robotsEntry
}

// host paces the requests to one host: slots bounds how many run at once,
// next is the earliest time the next may start.
type host struct {
	slots chan struct{}
	mu    sync.Mutex
	next  time.Time
}

type robotsEntry struct {
	once  sync.Once
	group *robotstxt.Group // nil: everything allowed
}

// maxRedirects is how many redirects one request follows.
const maxRedirects = 5

func newClient(o Options) *client {
	c := &client{userAgent: o.UserAgent, maxBytes: o.MaxBytes, delay: o.Delay, perHost: o.PerHost,
		hosts: map[string]*host{}, robots: map[string]*robotsEntry{}}
	c.http = &http.Client{
		Timeout: o.Timeout,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			MaxConnsPerHost:       o.PerHost,
			ResponseHeaderTimeout: o.Timeout,
			TLSHandshakeTimeout:   o.Timeout,
			IdleConnTimeout:       30 * time.Second,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			return checkScheme(req.URL)
		},
	}
	return c
}

// checkScheme refuses anything but http and https: a feed must not make
// the fetcher read file:// or talk to other services.
func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%s: only http and https addresses are fetched", u.Redacted())
	}
	if u.Host == "" {
		return fmt.Errorf("%s: no host", u.Redacted())
	}
	return nil
}

// response is what a request brought back.
type response struct {
	URL          *url.URL // after redirects
	Status       int
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
}

// statusError is an answer other than 2xx or 304.
type statusError struct {
	code   int
	status string
}

func (e *statusError) Error() string { return "HTTP " + e.status }

// errDisallowed says robots.txt asks the fetcher to stay away.
var errDisallowed = errors.New("disallowed by robots.txt")

// get fetches rawURL, conditionally when etag or modified are set (a 304
// answer has no body). A body over the size limit is an error.
func (c *client) get(ctx context.Context, rawURL, etag, modified string) (*response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	if !c.allowed(ctx, u) {
		return nil, errDisallowed
	}
	return c.do(ctx, u, etag, modified)
}

func (c *client) do(ctx context.Context, u *url.URL, etag, modified string) (*response, error) {
	h := c.host(u.Host)
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.slots }()
	if err := h.wait(ctx, c.delay); err != nil {
		return nil, err
	}
	defer h.done(c.delay)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if modified != "" {
		req.Header.Set("If-Modified-Since", modified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &response{URL: resp.Request.URL, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return r, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &statusError{resp.StatusCode, resp.Status}
	}
	if resp.ContentLength > c.maxBytes {
		return nil, fmt.Errorf("body of %d bytes is over the limit of %d", resp.ContentLength, c.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the body: %w", err)
	}
	if int64(len(body)) > c.maxBytes {
		return nil, fmt.Errorf("body over the limit of %d bytes", c.maxBytes)
	}
	r.Body = body
	return r, nil
}

func (c *client) host(name string) *host {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[name]
	if h == nil {
		h = &host{slots: make(chan struct{}, c.perHost)}
		c.hosts[name] = h
	}
	return h
}

// done makes the host's next request wait delay after this one ended.
func (h *host) done(delay time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if next := time.Now().Add(delay); next.After(h.next) {
		h.next = next
	}
}

// wait sleeps until the host's next request may start and books the one
// after it.
func (h *host) wait(ctx context.Context, delay time.Duration) error {
	h.mu.Lock()
	now := time.Now()
	start := h.next
	if start.Before(now) {
		start = now
	}
	h.next = start.Add(delay)
	h.mu.Unlock()
	if d := time.Until(start); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// allowed reads the host's robots.txt once per run and asks it about u.
// A missing or unreadable robots.txt allows everything, as the protocol
// says; a server error is read as a temporary "no".
func (c *client) allowed(ctx context.Context, u *url.URL) bool {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e := c.robots[key]
	if e == nil {
		e = &robotsEntry{}
		c.robots[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		resp, err := c.do(ctx, robotsURL, "", "")
		var status *statusError
		if errors.As(err, &status) && status.code >= 500 {
			e.group = disallowEverything
		}
		if err != nil {
			return
		}
		data, err := robotstxt.FromBytes(resp.Body)
		if err != nil {
			return
		}
		e.group = data.FindGroup(c.agentName())
	})
	if e.group == nil {
		return true
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.group.Test(path)
}

// disallowEverything is the group of a robots.txt that forbids all.
var disallowEverything = func() *robotstxt.Group {
	data, _ := robotstxt.FromString("User-agent: *\nDisallow: /\n")
	return data.FindGroup("*")
}()

// agentName is the product token of the User-Agent, which robots.txt
// groups are matched against.
func (c *client) agentName() string {
	name, _, _ := strings.Cut(c.userAgent, "/")
	return strings.TrimSpace(name)
}
