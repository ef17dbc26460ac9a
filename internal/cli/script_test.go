package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the newsdigest command inside
// scripts, so that they exercise the real flags, output and exit status.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"newsdigest": func() { os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs testdata/script/*.txtar: one script per command. Each
// script has a web server on the loopback address, $SERVER, serving the
// files under its www/ folder, for fetch to read.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"mtime": mtime,
		},
		Setup: func(env *testscript.Env) error {
			srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(env.WorkDir, "www"))))
			env.Defer(srv.Close)
			env.Setenv("SERVER", srv.URL)
			return nil
		},
	})
}

// mtime sets a file's modification time: mtime FILE 2006-01-02T15:04:05Z07:00.
func mtime(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mtime FILE TIME")
	}
	t, err := time.Parse(time.RFC3339, args[1])
	ts.Check(err)
	ts.Check(os.Chtimes(ts.MkAbs(args[0]), t, t))
}
