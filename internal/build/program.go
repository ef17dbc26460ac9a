package build

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// programID identifies the code that converts Markdown, for the body
// cache. Two binaries built from the same source (one by go run, one by
// go install) convert alike and share the cache; any other binary gets
// its own.
func programID() []byte {
	if info, ok := debug.ReadBuildInfo(); ok {
		if id := sourceID(info); id != "" {
			return []byte(id)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	if id := goBuildID(exe); id != nil {
		return id
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := sha256.New()
	io.Copy(h, f)
	return h.Sum(nil)
}

// sourceID names the source a binary was built from, when its build
// information pins it: a clean commit of the repository, or a released
// module version; with the Go version, the dependencies and the build
// tags. "" when the source is not pinned (a modified work tree, or a build
// that recorded no commit), and only the binary itself can tell.
func sourceID(info *debug.BuildInfo) string {
	var rev, modified, tags string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		case "-tags":
			tags = s.Value
		}
	}
	var b strings.Builder
	switch {
	case rev != "" && modified != "true":
		fmt.Fprintf(&b, "commit %s\n", rev)
	case info.Main.Version != "" && info.Main.Version != "(devel)" && !strings.Contains(info.Main.Version, "+dirty"):
		fmt.Fprintf(&b, "module %s@%s %s\n", info.Main.Path, info.Main.Version, info.Main.Sum)
	default:
		return ""
	}
	fmt.Fprintf(&b, "go %s tags %q\n", info.GoVersion, tags)
	for _, d := range info.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		fmt.Fprintf(&b, "%s@%s %s\n", d.Path, d.Version, d.Sum)
	}
	return b.String()
}
