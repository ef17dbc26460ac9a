package cli

import "github.com/spf13/pflag"

// The flags that name a site and choose its articles, the same on every
// command that takes them.

func sourceFlag(f *pflag.FlagSet, source *string) {
	f.StringVarP(source, "source", "s", ".", "site root: the folder with content/ and newsdigest.toml")
}

func baseURLFlag(f *pflag.FlagSet, baseURL *string) {
	f.StringVarP(baseURL, "baseURL", "b", "", "absolute URL the site is served from, e.g. https://example.com/news/ (overrides the config)")
}

func articleFlags(f *pflag.FlagSet, drafts, future *bool) {
	f.BoolVarP(drafts, "drafts", "D", false, "include articles marked draft")
	f.BoolVarP(future, "future", "F", false, "include articles dated in the future")
}
