package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
)

// watchedDirs are the site folders whose changes trigger a rebuild; the
// config file is watched through the site root.
var watchedDirs = []string{"content", "templates", "themes", "static"}

// batch is the set of changes seen in one burst of events.
type batch struct {
	paths  map[string]bool // site-relative, slash-separated
	config bool            // the config file changed
	all    bool            // events were lost: assume anything changed
}

func (b *batch) add(rel string) {
	if b.paths == nil {
		b.paths = map[string]bool{}
	}
	b.paths[rel] = true
	if rel == config.File {
		b.config = true
	}
}

func (b *batch) merge(o *batch) {
	for p := range o.paths {
		b.add(p)
	}
	b.all = b.all || o.all
}

// onlyCSS reports whether every change was to a stylesheet, the case where
// pages can swap their stylesheets instead of reloading.
func (b *batch) onlyCSS() bool {
	if b.all || len(b.paths) == 0 {
		return false
	}
	for p := range b.paths {
		if !strings.HasSuffix(p, ".css") {
			return false
		}
	}
	return true
}

// watcher turns fsnotify events under a site into debounced batches. inotify
// watches single folders, so every folder under the watched ones gets its own
// watch, including folders made while serving.
type watcher struct {
	root    string // absolute site root
	fsw     *fsnotify.Watcher
	quiet   time.Duration // a batch ends after this long without events
	maxWait time.Duration // or this long after its first event
	flush   func(*batch)
	warn    func(error)
}

func newWatcher(root string, quiet, maxWait time.Duration, flush func(*batch), warn func(error)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, watchError(root, err)
	}
	w := &watcher{root: root, fsw: fsw, quiet: quiet, maxWait: maxWait, flush: flush, warn: warn}
	if err := w.fsw.Add(root); err != nil {
		fsw.Close()
		return nil, watchError(root, err)
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(root, d), nil); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it. Files found are added to
// b, when given: they may have been written before the watch existed.
func (w *watcher) addTree(dir string, b *batch) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already, or never made
			}
			return err
		}
		if p != dir && content.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return watchError(p, err)
			}
		} else if b != nil {
			if rel, ok := w.relevant(p); ok {
				b.add(rel)
			}
		}
		return nil
	})
	return err
}

// relevant returns the site-relative path of p when a change to it matters.
func (w *watcher) relevant(p string) (string, bool) {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == config.File {
		return rel, true
	}
	parts := strings.Split(rel, "/")
	watched := false
	for _, d := range watchedDirs {
		watched = watched || parts[0] == d
	}
	if !watched {
		return "", false
	}
	for _, part := range parts[1:] {
		if content.Ignored(part) {
			return "", false
		}
	}
	return rel, true
}

// run reads events until ctx is done, handing each burst to flush once no
// event came for w.quiet, or w.maxWait after the burst began.
func (w *watcher) run(ctx context.Context) {
	defer w.fsw.Close()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	maxWait := time.NewTimer(time.Hour)
	maxWait.Stop()
	var pending *batch
	touch := func() *batch {
		if pending == nil {
			pending = &batch{}
			maxWait.Reset(w.maxWait)
		}
		quiet.Reset(w.quiet)
		return pending
	}
	send := func() {
		quiet.Stop()
		maxWait.Stop()
		if pending != nil {
			w.flush(pending)
			pending = nil
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.event(ev, touch)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were dropped: rebuild from what is on disk and
				// make sure every folder is watched.
				b := touch()
				b.all = true
				for _, d := range watchedDirs {
					if err := w.addTree(filepath.Join(w.root, d), b); err != nil {
						w.warn(err)
					}
				}
				continue
			}
			w.warn(fmt.Errorf("watching %s: %w", w.root, err))
		case <-quiet.C:
			send()
		case <-maxWait.C:
			send()
		}
	}
}

func (w *watcher) event(ev fsnotify.Event, touch func() *batch) {
	if ev.Op == fsnotify.Chmod {
		return
	}
	rel, ok := w.relevant(ev.Name)
	if !ok {
		return
	}
	b := touch()
	b.add(rel)
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			if err := w.addTree(ev.Name, b); err != nil {
				w.warn(err)
			}
		}
	}
}

// watchError explains the inotify limits, which are per user and small by
// default, and says how to raise them.
func watchError(p string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("watch %s: the system limit on watched folders is reached; raise it with\n"+
			"  sudo sysctl fs.inotify.max_user_watches=524288\n"+
			"and add fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it: %w", p, err)
	case errors.Is(err, syscall.EMFILE):
		return fmt.Errorf("watch %s: the system limit on file watchers is reached; raise it with\n"+
			"  sudo sysctl fs.inotify.max_user_instances=1024\n"+
			"or stop other programs that watch files: %w", p, err)
	}
	return fmt.Errorf("watch %s: %w", p, err)
}

// under reports whether a change was made under one of the folders, given
// as site-relative prefixes ending in "/".
func (b *batch) under(prefixes ...string) bool {
	for p := range b.paths {
		for _, prefix := range prefixes {
			if strings.HasPrefix(p+"/", prefix) {
				return true
			}
		}
	}
	return false
}
