package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/newsdigest/newsdigest/internal/config"
)

// The flags that name a site and choose its articles, the same on every
// command that takes them.

func sourceFlag(f *pflag.FlagSet, source *string) {
	f.StringVarP(source, "source", "s", ".", "site root: the folder with content/ and newsdigest.toml")
	dirFlag(f, "source")
}

// dirFlag has shells complete a flag's value with folders only.
func dirFlag(f *pflag.FlagSet, name string) {
	if err := cobra.MarkFlagDirname(f, name); err != nil {
		panic(err) // a flag defined just before: cannot fail
	}
}

func baseURLFlag(f *pflag.FlagSet, baseURL *string) {
	f.StringVarP(baseURL, "baseURL", "b", "", "absolute URL the site is served from, e.g. https://example.com/news/ (overrides the config)")
}

func articleFlags(f *pflag.FlagSet, drafts, future *bool) {
	f.BoolVarP(drafts, "drafts", "D", false, "include articles marked draft")
	f.BoolVarP(future, "future", "F", false, "include articles dated in the future")
}

// checkBaseURL refuses a --baseURL that is not an absolute http(s) URL, as
// the command-line mistake it is (status 2), before any work starts.
func checkBaseURL(baseURL string) error {
	if baseURL == "" {
		return nil
	}
	if err := config.Default().SetBaseURL(baseURL); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
