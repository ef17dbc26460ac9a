package cli

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts in testdata/script run the real command as
// "newsdigest".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"newsdigest": func() {
			os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
