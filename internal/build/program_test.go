package build

import (
	"runtime/debug"
	"testing"
)

func TestSourceID(t *testing.T) {
	deps := []*debug.Module{{Path: "github.com/yuin/goldmark", Version: "v1.7.8", Sum: "h1:abc="}}
	commit := func(rev, modified string, extra ...debug.BuildSetting) *debug.BuildInfo {
		settings := append([]debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.modified", Value: modified},
		}, extra...)
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/newsdigest/newsdigest", Version: "(devel)"}, Deps: deps, Settings: settings}
	}
	released := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/newsdigest/newsdigest", Version: "v1.2.0", Sum: "h1:xyz="}, Deps: deps}
	unpinned := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/newsdigest/newsdigest", Version: "(devel)"}, Deps: deps}

	// go run and go install of one clean commit differ in link flags
	// and build time only: they share the cache.
	run := commit("4b1d", "false", debug.BuildSetting{Key: "-ldflags", Value: "-w"})
	installed := commit("4b1d", "false", debug.BuildSetting{Key: "vcs.time", Value: "2026-01-06T09:30:00Z"})
	if a, b := sourceID(run), sourceID(installed); a == "" || a != b {
		t.Errorf("one commit built two ways: ids %q and %q, want equal and not empty", a, b)
	}
	if sourceID(released) == "" {
		t.Error("a released version has no id")
	}
	for name, info := range map[string]*debug.BuildInfo{
		"modified work tree": commit("4b1d", "true"),
		"nothing recorded":   unpinned,
	} {
		if id := sourceID(info); id != "" {
			t.Errorf("%s: id %q, want none (only the binary tells)", name, id)
		}
	}
	base := sourceID(run)
	goldmark := commit("4b1d", "false")
	goldmark.Deps = []*debug.Module{{Path: "github.com/yuin/goldmark", Version: "v1.7.9", Sum: "h1:def="}}
	for name, info := range map[string]*debug.BuildInfo{
		"another commit":     commit("5c2e", "false"),
		"another dependency": goldmark,
		"other build tags":   commit("4b1d", "false", debug.BuildSetting{Key: "-tags", Value: "extra"}),
		"a released version": released,
	} {
		if sourceID(info) == base {
			t.Errorf("%s: same id as the commit, want another", name)
		}
	}
}
