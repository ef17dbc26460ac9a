package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is written by the server's goroutines and read by the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		host    string // the served URL's host
		path    string // the served URL's path
		warning string // "" for none
		taken   bool   // the port asked for is taken
	}{
		{"loopback by default", nil, "127.0.0.1", "/", "", false},
		{"every interface warns", []string{"--bind", "0.0.0.0"}, "localhost", "/", "serves the preview to other machines", false},
		{"drafts shown to others are named", []string{"--bind", "0.0.0.0", "-D"}, "localhost", "/", "serves the preview, drafts included, to other machines", false},
		{"under the base URL's path", []string{"--baseURL", "http://localhost:1313/news/"}, "127.0.0.1", "/news/", "", false},
		{"a taken port gives the next", nil, "127.0.0.1", "/", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			article := "---\ntitle: Ports reopen\ndate: 2025-01-06\n---\nBody.\n"
			if err := os.MkdirAll(filepath.Join(dir, "content", "world"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "content", "world", "ports.md"), []byte(article), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout, stderr lockedBuffer
			code := make(chan int, 1)
			port := "0"
			if tt.taken {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				defer ln.Close()
				port = strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
			}
			go func() {
				code <- Main(ctx, append([]string{"serve", "--source", dir, "--port", port}, tt.args...), &stdout, &stderr)
			}()
			serving := regexp.MustCompile(`serving .* at (http://([^:/]+):\d+(/\S*))`)
			var m []string
			for deadline := time.Now().Add(10 * time.Second); m == nil; time.Sleep(10 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("no serving line after 10s; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
				}
				m = serving.FindStringSubmatch(stdout.String())
			}
			if m[2] != tt.host || m[3] != tt.path {
				t.Errorf("served at %s, want host %s and path %s", m[1], tt.host, tt.path)
			}
			if notice := "port " + port + " is taken; using"; strings.Contains(stderr.String(), notice) != tt.taken {
				t.Errorf("stderr should say %q only when the port is taken; it is:\n%s", notice, stderr.String())
			}
			url := strings.Replace(m[1], "localhost", "127.0.0.1", 1)
			resp, err := http.Get(url + "2025/01/06/ports/")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(body), "Ports reopen") {
				t.Errorf("GET the article: %s\n%.300s", resp.Status, body)
			}
			if got := strings.Contains(stderr.String(), "warning:"); got != (tt.warning != "") || !strings.Contains(stderr.String(), tt.warning) {
				t.Errorf("stderr should warn %q; it is:\n%s", tt.warning, stderr.String())
			}
			if want := "built version 1: 1 article (1 parsed)"; !strings.Contains(stdout.String(), want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
			}
			cancel()
			select {
			case c := <-code:
				if c != 0 {
					t.Errorf("exit status %d, want 0; stderr:\n%s", c, stderr.String())
				}
			case <-time.After(10 * time.Second):
				t.Fatal("serve did not stop within 10s of its context")
			}
		})
	}
}
