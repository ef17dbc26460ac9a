package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

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
		Setup: func(env *testscript.Env) error {
			srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(env.WorkDir, "www"))))
			env.Defer(srv.Close)
			env.Setenv("SERVER", srv.URL)
			return nil
		},
	})
}
