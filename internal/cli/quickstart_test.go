package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestREADMEQuickStart runs the commands of the README's "Your own site in
// a minute" as a reader would, in order: the site it makes must serve,
// take a new article, and build. serve runs on a free port, and stops once
// it has shown the first article.
func TestREADMEQuickStart(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := quickStart(t, string(readme))
	if len(cmds) < 4 {
		t.Fatalf("the quick start has %d commands, want init, cd, serve, new and build: %q", len(cmds), cmds)
	}
	dir := t.TempDir()
	var newFile string
	for _, line := range cmds {
		args := shellWords(line)
		switch {
		case args[0] == "cd":
			dir = filepath.Join(dir, args[1])
			continue
		case args[0] != "newsdigest":
			t.Fatalf("the quick start runs %q, not newsdigest", line)
		}
		args = append(args[1:], "--source", dir)
		if args[0] == "init" {
			args = []string{"init", filepath.Join(dir, args[1])}
		}
		if args[0] == "serve" {
			quickServe(t, append(args, "--port", "0"), "Welcome to your news digest")
			continue
		}
		var out, errOut bytes.Buffer
		if code := Main(context.Background(), args, &out, &errOut); code != 0 {
			t.Fatalf("%s: status %d\n%s%s", line, code, out.String(), errOut.String())
		}
		if args[0] == "new" {
			newFile = strings.TrimSpace(out.String())
		}
	}
	if newFile == "" {
		t.Fatal("the quick start makes no article with new")
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Errorf("the quick start's build wrote no public/index.html: %v", err)
	}
}

// quickStart returns the commands of the README's quick start section:
// every line of its sh blocks, without comments.
func quickStart(t *testing.T, readme string) []string {
	at := strings.Index(readme, "## Your own site in a minute")
	if at < 0 {
		t.Fatal(`the README has no "## Your own site in a minute"`)
	}
	section := readme[at+3:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var cmds []string
	for _, block := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(section, -1) {
		for _, line := range strings.Split(block[1], "\n") {
			line, _, _ = strings.Cut(line, "#")
			if line = strings.TrimSpace(line); line != "" {
				cmds = append(cmds, line)
			}
		}
	}
	return cmds
}

// shellWords splits a command line at spaces, keeping "double-quoted"
// words whole, which is all the quick start uses.
func shellWords(line string) []string {
	var words []string
	for _, m := range regexp.MustCompile(`"([^"]*)"|(\S+)`).FindAllStringSubmatch(line, -1) {
		if m[2] != "" {
			words = append(words, m[2])
		} else {
			words = append(words, m[1])
		}
	}
	return words
}

// quickServe runs serve until its front page shows want, then stops it.
func quickServe(t *testing.T, args []string, want string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	code := make(chan int, 1)
	go func() { code <- Main(ctx, args, &stdout, &stderr) }()
	serving := regexp.MustCompile(`serving .* at (http://\S+)`)
	var m []string
	for deadline := time.Now().Add(10 * time.Second); m == nil; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve: no serving line after 10s; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
		m = serving.FindStringSubmatch(stdout.String())
	}
	resp, err := http.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), want) {
		t.Errorf("serve: the front page lacks %q", want)
	}
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("serve: status %d; stderr:\n%s", c, stderr.String())
	}
}
